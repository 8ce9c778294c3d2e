/**
 * The Node options a worker thread starts with. Workers run TypeScript through tsx: a
 * process started with `--import tsx` passes its options on by itself (undefined: leave them
 * be; V8 options such as --expose-gc are the process's and a Worker refuses them when given
 * explicitly). A process that registered tsx in code (bin/vested.js) must pass it on: its
 * workers then get the module-loading options they need (hooks, conditions) and tsx, and not
 * the options of its main script (`-e`, `--input-type`), which would stop them.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] | undefined {
  const { argv, hasTsx, hasScript } = loadingOptions(execArgv);
  if (hasTsx && !hasScript) return undefined;
  return hasTsx ? argv : [...argv, '--import', import.meta.resolve('tsx')];
}

/**
 * The options of a worker whose entry registers tsx's ESM loader itself (a plain .mjs entry,
 * engine/parallel/worker.mjs): this process's module-loading options without tsx's.
 */
export function workerExecArgvWithoutTsx(execArgv: readonly string[] = process.execArgv): string[] {
  return loadingOptions(execArgv).withoutTsx;
}

/** The module-loading options among `execArgv` (with and without those registering tsx), and what else it holds. */
function loadingOptions(execArgv: readonly string[]): { argv: string[]; withoutTsx: string[]; hasTsx: boolean; hasScript: boolean } {
  const takesValue = /^(-e|--eval|-p|--print|--input-type|--import|--loader|--experimental-loader|--require|-r|--conditions|-C)$/;
  const script = /^(-e|--eval|-p|--print|--input-type)(=|$)/;
  const hook = /^(--import|--loader|--experimental-loader|--require|-r)(=|$)/;
  const loading = /^(--import|--loader|--experimental-loader|--require|-r|--conditions|-C)(=|$)/;
  const argv: string[] = [];
  const withoutTsx: string[] = [];
  let hasTsx = false;
  let hasScript = false;
  for (let i = 0; i < execArgv.length; i++) {
    const option = execArgv[i]!;
    const value = takesValue.test(option) ? execArgv[++i] : undefined;
    if (script.test(option)) hasScript = true;
    const tsx = hook.test(option) && (value ?? option).includes('tsx');
    if (tsx) hasTsx = true;
    if (!loading.test(option)) continue;
    const given = value === undefined ? [option] : [option, value];
    argv.push(...given);
    if (!tsx) withoutTsx.push(...given);
  }
  return { argv, withoutTsx, hasTsx, hasScript };
}
