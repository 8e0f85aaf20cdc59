// A committed migration is never edited: each one's sha256 is recorded in
// prisma/migrations/checksums.json (npm run db:lock-migrations adds new ones and never changes
// a recorded one), and the recorded ones may not change either — checked against the lock file
// as git's HEAD has it, so editing a migration and its checksum together fails too.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(process.cwd(), "prisma", "migrations");
const lock = JSON.parse(readFileSync(join(dir, "checksums.json"), "utf8")) as Record<string, string>;
const onDisk = readdirSync(dir)
  .filter((n) => existsSync(join(dir, n, "migration.sql")))
  .sort();
const sum = (name: string) => createHash("sha256").update(readFileSync(join(dir, name, "migration.sql"))).digest("hex");

function committedLock(): Record<string, string> | null {
  try {
    return JSON.parse(execFileSync("git", ["show", "HEAD:prisma/migrations/checksums.json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as Record<string, string>;
  } catch {
    return null; // no git, or the lock file is not committed yet
  }
}

describe("migrations", () => {
  it("every migration is recorded, and none was edited after it was recorded", () => {
    const unrecorded = onDisk.filter((n) => !(n in lock));
    expect(unrecorded, "new migration(s): run `npm run db:lock-migrations` and commit prisma/migrations/checksums.json").toEqual([]);
    const edited = onDisk.filter((n) => lock[n] !== sum(n));
    expect(edited, "committed migrations are never edited: restore these and put the change in a new migration").toEqual([]);
    expect(Object.keys(lock).filter((n) => !onDisk.includes(n)), "recorded, but no longer on disk").toEqual([]);
  });

  it("no recorded checksum changed since the last commit", () => {
    const committed = committedLock();
    if (!committed) return;
    const changed = Object.keys(committed).filter((n) => lock[n] !== committed[n]);
    expect(changed, "a recorded migration's checksum was changed: committed migrations are never edited").toEqual([]);
  });

  it("the check bites: one changed byte is a different checksum", () => {
    const name = onDisk[0]!;
    const bytes = readFileSync(join(dir, name, "migration.sql"));
    const edited = Buffer.concat([bytes, Buffer.from(" ")]);
    expect(createHash("sha256").update(edited).digest("hex")).not.toBe(lock[name]);
    expect(lock[name]).toBe(sum(name));
  });
});
