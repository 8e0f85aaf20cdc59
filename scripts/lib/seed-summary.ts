// The line by which scripts/seed-demo.ts hands its summary to scripts/lib/seed-process.ts.
export const SEED_SUMMARY_MARK = "panelist-seed-summary ";
