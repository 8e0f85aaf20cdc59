// The demo seed's own process: lib/seed/demo.ts goes through the services, which use the shared
// client of lib/db/client.ts, so it runs in a process whose DATABASE_URL is the database to seed
// (migrated already). Started by scripts/lib/seed-process.ts — under tsx from the source, or as
// dist/seed.js in a build — with the react-server condition, so the services' "server-only"
// marker resolves to its empty module. Prints the summary as one marked JSON line.
import { getDb } from "../lib/db/client";
import { stopJobs } from "../lib/jobs/queue";
import { seedDemoData } from "../lib/seed/demo";
import { SEED_SUMMARY_MARK } from "./lib/seed-summary";

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: it names the database to seed.");
  try {
    const summary = await seedDemoData();
    process.stdout.write(`${SEED_SUMMARY_MARK}${JSON.stringify(summary)}\n`);
  } finally {
    // The reminder sweep starts the job queue when it has mail to hand over.
    await stopJobs({ graceful: false });
    await getDb().$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error("Seeding the demo data failed:", err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
