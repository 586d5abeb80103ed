// What a benchmark run reports: one figure per line of the table, with its bar and whether it holds.
import type { Stats } from "./stats";

export type Figure = {
  section: string;
  figure: string;
  /** Timings in milliseconds (app, and the hand-written SQL for the same rows). */
  app?: Stats;
  hand?: Stats;
  /** Figures that are not a time (rows/s, MB) or were not measured. */
  appText?: string;
  handText?: string;
  /** Whether the ratio app / hand SQL is part of the bar. */
  ratioBar?: number;
  bar: string;
  /** null: not measured. */
  holds: boolean | null;
  notes: string[];
};

export type PlanReport = { figure: string; hand: string[]; app: string[][]; fullScans: string[] };

export type SuiteResult = {
  kind: "sqlite" | "postgres";
  size: number;
  database: string;
  built: boolean;
  buildMs: number;
  rowCounts: Record<string, number>;
  scopeRequests: number;
  /** The planner statistics the run had. */
  statistics: string;
  /** Database engine and version. */
  engine: string;
  /** The machine's 1-minute load average when the measurements started and ended (2 cores: > 2 is contention). */
  load: [number, number];
  figures: Figure[];
  plans: PlanReport[];
};
