// Types shared by the bench runner (scripts/bench.ts) and its suites (scripts/bench/<suite>.ts).
// Format: shared/design/BENCH.md.

/** One row of bench/results.json. `ratio` = value / baseline.value when there is a baseline. */
export interface BenchResult {
  suite: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
  target?: { op: "<=" | ">=" | "<" | ">"; value: number };
  /** Anything a reader needs beside the figure (e.g. how to get the missing baseline). */
  note?: string;
}

/** What the runner hands every suite. */
export interface BenchContext {
  /** Production servers (`next start` of one build) on one database; [] when the suite needs none. */
  baseUrls: string[];
  /** The throwaway benchmark database (migrated, demo data seeded). */
  databaseUrl: string;
  /**
   * Signs in through next-auth's API (GET /api/auth/csrf, then the credentials callback) on
   * baseUrls[0] and returns the Cookie header to send. The password defaults to the demo one.
   */
  signIn(email: string, password?: string): Promise<string>;
  /**
   * Starts one more instance on the same build and database: "compiled" (dist/server.js, as
   * production runs) or "source" (scripts/server.ts through tsx, as before the compiled build);
   * stopped with the others.
   */
  startExtraServer(entry: "compiled" | "source"): Promise<string>;
  log(s: string): void;
}

/**
 * A suite module exports `run`. Optionally `servers` (how many `next start` instances on the
 * same database it needs; default 1, 0 = no build, no server) and `description` (one line for
 * `npm run bench -- --list`).
 */
export interface BenchSuite {
  run(ctx: BenchContext): Promise<BenchResult[]>;
  servers?: number;
  description?: string;
}

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; node: string; postgres: string };
  results: BenchResult[];
}
