// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's schema
// engine (whose binary cannot be downloaded on every machine). It keeps Prisma's
// bookkeeping exactly — same `_prisma_migrations` table, same sha256 checksums, same
// advisory lock key — so this runner and `prisma migrate deploy` can take turns on one
// database. No "server-only" import: scripts and tests use it outside Next.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Client } from "pg";

/** Prisma Migrate's own lock key, so the two tools exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

export const DEFAULT_MIGRATIONS_DIR = resolve(process.cwd(), "prisma/migrations");

// Verbatim column set of Prisma's table; a different shape would confuse `prisma migrate`.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Prisma accepts a file whose line endings were converted by git (CRLF↔LF) as unchanged;
 * so does this runner, or a Windows checkout would look like tampering.
 */
function checksumMatches(bytes: Buffer, recorded: string): boolean {
  if (sha256Hex(bytes) === recorded) return true;
  const text = bytes.toString("utf8");
  return sha256Hex(text.replace(/\r\n/g, "\n")) === recorded || sha256Hex(text.replace(/\r?\n/g, "\r\n")) === recorded;
}

/** Migration directories (`<timestamp>_<name>/migration.sql`) in the order they apply. */
export function readMigrations(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): (MigrationFile & { bytes: Buffer })[] {
  // turbopackIgnore: the folder is read at run time (the production build copies it beside the
  // server), not traced into the build — a traced dynamic path pulls in the whole project.
  if (!existsSync(/* turbopackIgnore: true */ migrationsDir)) throw new MigrationError(`Migrations directory not found: ${migrationsDir}`);
  const lock = join(migrationsDir, "migration_lock.toml");
  if (existsSync(/* turbopackIgnore: true */ lock)) {
    const provider = /provider\s*=\s*"([^"]+)"/.exec(readFileSync(/* turbopackIgnore: true */ lock, "utf8"))?.[1];
    if (provider && provider !== "postgresql") {
      throw new MigrationError(`migration_lock.toml says provider "${provider}"; this runner only applies postgresql migrations.`);
    }
  }
  return readdirSync(/* turbopackIgnore: true */ migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(/* turbopackIgnore: true */ join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(/* turbopackIgnore: true */ join(migrationsDir, name, "migration.sql"));
      return { name, bytes, sql: bytes.toString("utf8"), checksum: sha256Hex(bytes) };
    });
}

/**
 * Brings the database up to date. Safe to run concurrently (advisory lock) and repeatedly
 * (applied migrations are skipped). Refuses, without changing anything, when history and
 * files disagree: an edited applied migration, an applied migration missing on disk, or an
 * unresolved failed migration.
 */
export async function migrate(
  connectionString: string,
  opts: { migrationsDir?: string; log?: (s: string) => void } = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const files = readMigrations(opts.migrationsDir);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    // Session-level lock: held across the per-migration transactions below.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<MigrationRow>(
        `SELECT id, migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );

      const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed.length) {
        const names = failed.map((r) => r.migration_name).join(", ");
        throw new MigrationError(
          `Migration ${names} failed earlier and is unresolved, so no further migrations will be applied. ` +
            `Fix the database, then mark it with \`prisma migrate resolve --rolled-back <name>\` (or --applied), ` +
            `or set rolled_back_at = now() on its _prisma_migrations row.`,
        );
      }

      const applied = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r]));
      const onDisk = new Map(files.map((f) => [f.name, f]));
      for (const name of applied.keys()) {
        if (!onDisk.has(name)) {
          throw new MigrationError(`Migration ${name} is recorded as applied but missing from ${opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR}. Restore it; applied migrations are never deleted.`);
        }
      }
      for (const file of files) {
        const row = applied.get(file.name);
        if (row && !checksumMatches(file.bytes, row.checksum)) {
          throw new MigrationError(
            `Migration ${file.name} was modified after it was applied (checksum ${row.checksum} recorded, ${file.checksum} on disk). ` +
              `Revert the edit and put the change in a new migration.`,
          );
        }
      }

      const appliedNow: string[] = [];
      for (const file of files) {
        if (applied.has(file.name)) continue;
        log(`Applying migration ${file.name}`);
        const id = randomUUID();
        // Recorded before running, as Prisma does: if the process dies mid-way, the row with
        // finished_at NULL tells the next run (ours or Prisma's) that something is unresolved.
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
          [id, file.checksum, file.name],
        );
        try {
          await client.query("BEGIN");
          // Simple-query protocol (no parameters), so a multi-statement file runs as written.
          await client.query(file.sql);
          await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => {});
          const message = err instanceof Error ? err.message : String(err);
          await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]).catch(() => {});
          throw new MigrationError(
            `Migration ${file.name} failed and was rolled back: ${message}. ` +
              `After fixing it, mark it rolled back (\`prisma migrate resolve --rolled-back ${file.name}\`) and run again.`,
          );
        }
        appliedNow.push(file.name);
      }
      log(appliedNow.length ? `Applied ${appliedNow.length} migration(s).` : "Database is up to date.");
      return { applied: appliedNow };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
