// npm run db:seed — loads the demo organization, users, question bank, kit and candidate
// into the database at DATABASE_URL. Safe to run repeatedly: nothing is duplicated.
//
// Builds its own Prisma client because lib/db/client.ts is "server-only" (Next-only).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/db/generated/client";
import { seedDemoData } from "../lib/seed/demo";
import { demoCredentialLines } from "../lib/seed/credentials";

async function main(): Promise<number> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error(
      [
        "db:seed needs a database, but DATABASE_URL is not set.",
        "  • Easiest: run `npm run dev`, which starts a local (embedded) Postgres for you.",
        "  • Or point at your own migrated database: DATABASE_URL=postgres://user:pass@localhost:5432/panelist npm run db:seed",
      ].join("\n"),
    );
    return 1;
  }

  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 2 }) });
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
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error("db:seed failed:", err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
