/** One line of the `npm run bench` table. Ratios are always against a baseline measured in the same run. */
export interface BenchRow {
  /** What was measured, e.g. "webhook ingest, SQLite (events/s)". */
  name: string;
  value: number;
  unit: string;
  /** The same-run baseline this row is compared with. */
  baseline?: { name: string; value: number };
  /** value / baseline.value (or baseline/value for lower-is-better units; say which in `note`). */
  ratio?: number;
  /** Target from the issue, e.g. ">= 1.5x" — printed next to the ratio, with MET/MISSED. */
  target?: string;
  met?: boolean;
  note?: string;
}

/** A bench module: bench/<area>.bench.ts exports `run`. Must finish in bounded time (< ~60 s each). */
export type BenchModule = { run: (opts: { quick: boolean }) => Promise<BenchRow[]> };
