/** One measured figure, with the target it is judged against. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≥ 0.8" or "< 10 ms". */
  target?: string;
  pass?: boolean;
}
