// npm run db:lock-migrations — records the sha256 of each new migration in
// prisma/migrations/checksums.json. A recorded checksum is never changed: a committed migration
// is never edited (tests/unit/migrations-locked.test.ts fails when one is); a change is a new
// migration.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const dir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "prisma", "migrations");
const lockPath = join(dir, "checksums.json");
const lock = existsSync(lockPath) ? JSON.parse(readFileSync(lockPath, "utf8")) : {};
let added = 0;
for (const name of readdirSync(dir).sort()) {
  const file = join(dir, name, "migration.sql");
  if (!existsSync(file)) continue;
  const sum = createHash("sha256").update(readFileSync(file)).digest("hex");
  if (!(name in lock)) {
    lock[name] = sum;
    added++;
    console.log(`recorded ${name}`);
  } else if (lock[name] !== sum) {
    console.error(`${name} was edited after it was recorded. Committed migrations are never edited: restore it and put the change in a new migration.`);
    process.exitCode = 1;
  }
}
const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(lockPath, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(added ? `${added} migration(s) recorded in prisma/migrations/checksums.json.` : "Nothing new to record.");
