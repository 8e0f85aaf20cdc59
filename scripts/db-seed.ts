// npm run db:seed — loads the demo organization, users, question bank, kit and candidate into
// DATABASE_URL, or into the embedded dev database when it is unset (migrating it first).
// Safe to run repeatedly: nothing is duplicated.
//
// Builds its own Prisma client because lib/db/client.ts is "server-only" (Next-only).
import { migrate } from "../lib/db/migrate";
import { demoCredentialLines } from "../lib/seed/credentials";
import { seedDemoData } from "../lib/seed/demo";
import { openDatabase, prismaFor } from "./lib/database";

async function main(): Promise<number> {
  const database = await openDatabase();
  console.log(`Database: ${database.description}`);
  if (database.embedded) await migrate(database.url, { log: (s) => console.log(s) });
  const db = prismaFor(database.url);
  try {
    const started = Date.now();
    const summary = await seedDemoData(db);
    console.log(
      `Seeded demo data in ${Date.now() - started} ms: ${summary.users} users, ${summary.questions} questions ` +
        `(${summary.rubricCriteria} rubric criteria), ${summary.kits} kit, ${summary.candidates} candidate.`,
    );
    console.log("");
    for (const line of demoCredentialLines()) console.log(line);
    return 0;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error("db:seed failed:", err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
