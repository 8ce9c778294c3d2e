/**
 * What every benchmark suite returns: one figure, the baseline measured in the same run, their
 * ratio and the samples behind the value (perf/run.ts tabulates them, perf/check.ts tests them).
 */
export interface BenchFigure {
  figure: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  samples: number[];
}

/** The median of samples (the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
