/**
 * The Node options a storage worker thread starts with. Workers run TypeScript through tsx: a
 * process started with `--import tsx` passes its options on by itself (undefined: leave them
 * be; V8 options such as --expose-gc are the process's and a Worker refuses them when given
 * explicitly). A process that registered tsx in code (bin/vested.js) must pass it on: its
 * workers then get the module-loading options they need (hooks, conditions) and tsx, and not
 * the options of its main script (`-e`, `--input-type`), which would stop them.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] | undefined {
  const takesValue = /^(-e|--eval|-p|--print|--input-type|--import|--loader|--experimental-loader|--require|-r|--conditions|-C)$/;
  const script = /^(-e|--eval|-p|--print|--input-type)(=|$)/;
  const hook = /^(--import|--loader|--experimental-loader|--require|-r)(=|$)/;
  const loading = /^(--import|--loader|--experimental-loader|--require|-r|--conditions|-C)(=|$)/;
  const argv: string[] = [];
  let hasTsx = false;
  let hasScript = false;
  for (let i = 0; i < execArgv.length; i++) {
    const option = execArgv[i]!;
    const value = takesValue.test(option) ? execArgv[++i] : undefined;
    if (script.test(option)) hasScript = true;
    if (hook.test(option) && (value ?? option).includes('tsx')) hasTsx = true;
    if (!loading.test(option)) continue;
    argv.push(option);
    if (value !== undefined) argv.push(value);
  }
  if (hasTsx && !hasScript) return undefined;
  return hasTsx ? argv : [...argv, '--import', import.meta.resolve('tsx')];
}
