// npm run db:seed — loads the demo organization, users, question bank, kit and candidate into
// the embedded dev database (migrating it first), or into DATABASE_URL when it is a database on
// this machine. Anywhere else it refuses, and says so, unless given `-- --allow-remote`
// (scripts/lib/seed-policy.ts): the demo accounts have published passwords.
// Safe to run repeatedly: nothing is duplicated. The seed itself runs in a process of its own
// (scripts/lib/seed-process.ts): it goes through the services, on the database it is given.
import { migrate } from "../lib/db/migrate";
import { demoCredentialLines } from "../lib/seed/credentials";
import { openDatabase } from "./lib/database";
import { seedDemoDatabase } from "./lib/seed-process";
import { ALLOW_REMOTE_FLAG, demoSeedDecision } from "./lib/seed-policy";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== ALLOW_REMOTE_FLAG);
  if (unknown.length) {
    console.error(`db:seed: unknown argument(s) ${unknown.join(" ")} (the only one is ${ALLOW_REMOTE_FLAG}).`);
    return 2;
  }
  const database = await openDatabase();
  console.log(`Database: ${database.description}`);
  const decision = demoSeedDecision({ url: database.url, embedded: database.embedded, allowRemote: args.includes(ALLOW_REMOTE_FLAG), nodeEnv: process.env.NODE_ENV });
  if (!decision.allowed) {
    console.error(`\n${decision.reason}\n`);
    await database.stop();
    return 1;
  }
  if (database.embedded) await migrate(database.url, { log: (s) => console.log(s) });
  try {
    const started = Date.now();
    const summary = await seedDemoDatabase(database.url);
    console.log(
      `Seeded demo data in ${Date.now() - started} ms: ${summary.users} users, ${summary.questions} questions ` +
        `(${summary.rubricCriteria} rubric criteria), ${summary.kits} kit, ${summary.candidates} candidates, ${summary.interviews} interviews.`,
    );
    console.log("");
    for (const line of demoCredentialLines()) console.log(line);
    return 0;
  } finally {
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
