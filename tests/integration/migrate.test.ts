// lib/db/migrate: applies prisma/migrations like `prisma migrate deploy` and keeps the
// same _prisma_migrations history, so either tool can take over from the other.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrate, readMigrations, sha256Hex } from "@/lib/db/migrate";

/** Every migration in prisma/migrations, in order (the list grows; the tests should not care). */
const ALL_MIGRATIONS = readMigrations().map((m) => m.name);

const adminUrl = inject("adminDatabaseUrl");
const created: string[] = [];
const tempDirs: string[] = [];

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** An empty database of the test's own (not cloned from the template: nothing applied yet). */
async function emptyDatabase(): Promise<string> {
  const name = `panelist_migrate_${process.pid}_${created.length}_${Date.now().toString(36)}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  created.push(name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A scratch copy of prisma/migrations that a test may edit. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), "panelist-migrations-"));
  tempDirs.push(dir);
  cpSync("prisma/migrations", dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, "migration.sql"), sql);
}

afterAll(async () => {
  await withClient(adminUrl, async (c) => {
    for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
  });
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

describe("migrate()", () => {
  it("applies every migration once and records Prisma-compatible rows; a second run applies nothing", async () => {
    const url = await emptyDatabase();
    expect(await migrate(url)).toEqual({ applied: ALL_MIGRATIONS });
    expect(await migrate(url)).toEqual({ applied: [] });

    const rows = await withClient(url, (c) => c.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`));
    expect(rows.rows).toHaveLength(ALL_MIGRATIONS.length);
    const row = rows.rows[0] as Record<string, unknown>;
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row.checksum).toBe(sha256Hex(readFileSync("prisma/migrations/20261129000000_init/migration.sql")));
    expect(row.migration_name).toBe("20261129000000_init");
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });

    // The table's exact shape matters: `prisma migrate deploy` reads and writes it too.
    const cols = await withClient(url, (c) =>
      c.query<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null; column_default: string | null }>(
        `SELECT column_name, data_type, is_nullable, character_maximum_length, column_default
           FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      ),
    );
    expect(cols.rows).toEqual([
      { column_name: "id", data_type: "character varying", is_nullable: "NO", character_maximum_length: 36, column_default: null },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO", character_maximum_length: 64, column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES", character_maximum_length: null, column_default: null },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO", character_maximum_length: 255, column_default: null },
      { column_name: "logs", data_type: "text", is_nullable: "YES", character_maximum_length: null, column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES", character_maximum_length: null, column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO", character_maximum_length: null, column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO", character_maximum_length: null, column_default: "0" },
    ]);
  });

  it("applies only the new migrations, in name order", async () => {
    const url = await emptyDatabase();
    const dir = copyOfMigrations();
    await migrate(url, { migrationsDir: dir });
    addMigration(dir, "20261201000000_b", `ALTER TABLE "kits" ADD COLUMN "b" INTEGER;`);
    addMigration(dir, "20261130000000_a", `ALTER TABLE "kits" ADD COLUMN "a" INTEGER;`);
    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: ["20261130000000_a", "20261201000000_b"] });
  });

  it("lets concurrent runs serialize on the advisory lock: the migration applies exactly once", async () => {
    const url = await emptyDatabase();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    expect([...a.applied, ...b.applied]).toEqual(ALL_MIGRATIONS);
  });

  it("refuses when an applied migration's file was edited, and changes nothing", async () => {
    const url = await emptyDatabase();
    const dir = copyOfMigrations();
    await migrate(url, { migrationsDir: dir });
    const file = join(dir, "20261129000000_init", "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8") + "\n-- edited\n");
    addMigration(dir, "20261130000000_next", `CREATE TABLE "should_not_exist" ("id" TEXT);`);
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(/20261129000000_init was modified after it was applied/);
    const t = await withClient(url, (c) => c.query(`SELECT to_regclass('should_not_exist') AS t`));
    expect(t.rows[0]).toEqual({ t: null });
  });

  it("treats a CRLF checkout of an applied migration as unchanged, as Prisma does", async () => {
    const url = await emptyDatabase();
    const dir = copyOfMigrations();
    await migrate(url, { migrationsDir: dir });
    const file = join(dir, "20261129000000_init", "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));
    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: [] });
  });

  it("refuses when a recorded migration is missing on disk", async () => {
    const url = await emptyDatabase();
    const dir = copyOfMigrations();
    addMigration(dir, "20261130000000_extra", `ALTER TABLE "kits" ADD COLUMN "extra" INTEGER;`);
    await migrate(url, { migrationsDir: dir });
    rmSync(join(dir, "20261130000000_extra"), { recursive: true });
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(/20261130000000_extra is recorded as applied but missing/);
  });

  it("rolls a failing migration back, records it as failed, and refuses to continue until it is resolved", async () => {
    const url = await emptyDatabase();
    const dir = copyOfMigrations();
    addMigration(dir, "20261130000000_bad", `CREATE TABLE "half_done" ("id" TEXT);\nSELECT no_such_function();`);
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(/20261130000000_bad failed and was rolled back/);

    const state = await withClient(url, async (c) => ({
      table: (await c.query(`SELECT to_regclass('half_done') AS t`)).rows[0] as { t: string | null },
      row: (await c.query(`SELECT finished_at, rolled_back_at, logs FROM "_prisma_migrations" WHERE migration_name = '20261130000000_bad'`)).rows[0] as {
        finished_at: Date | null;
        rolled_back_at: Date | null;
        logs: string | null;
      },
    }));
    expect(state.table.t).toBeNull();
    expect(state.row.finished_at).toBeNull();
    expect(state.row.rolled_back_at).toBeNull();
    expect(state.row.logs).toMatch(/no_such_function/);

    writeFileSync(join(dir, "20261130000000_bad", "migration.sql"), `CREATE TABLE "half_done" ("id" TEXT);`);
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(/20261130000000_bad failed earlier and is unresolved/);

    // What `prisma migrate resolve --rolled-back` does; afterwards the fixed file applies.
    await withClient(url, (c) => c.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '20261130000000_bad'`));
    // The fixed file applies, then every real migration named after it (which the failure held back).
    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: ["20261130000000_bad", ...ALL_MIGRATIONS.filter((n) => n > "20261130000000_bad")] });
  });
});
