/**
 * The Node options a worker thread starts with (typescript-worker.ts): this process's
 * module-loading options (hooks, conditions) other than those registering tsx, which the
 * worker's entry registers itself. Not the options of the main script (`-e`, `--input-type`),
 * which would stop the worker, nor V8 options such as --expose-gc: those are the process's,
 * and a Worker refuses them when given.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const takesValue = /^(-e|--eval|-p|--print|--input-type|--import|--loader|--experimental-loader|--require|-r|--conditions|-C)$/;
  const hook = /^(--import|--loader|--experimental-loader|--require|-r)(=|$)/;
  const loading = /^(--import|--loader|--experimental-loader|--require|-r|--conditions|-C)(=|$)/;
  const argv: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const option = execArgv[i]!;
    const value = takesValue.test(option) ? execArgv[++i] : undefined;
    if (!loading.test(option) || (hook.test(option) && (value ?? option).includes('tsx'))) continue;
    argv.push(option);
    if (value !== undefined) argv.push(value);
  }
  return argv;
}
