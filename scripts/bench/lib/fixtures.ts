// Shared by the bench suites that build a large organization in plain SQL (feedback, analytics, api):
// the organization, its owner and N interviewers (the demo password), built once per database in
// one transaction with the suite's own data, and a child process that runs a script with the
// react-server condition (the services' "server-only" marker) and answers with one JSON line.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Pool, PoolClient } from "pg";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/lib/seed/credentials";

export interface BenchOrganization {
  orgId: string;
  slug: string;
  name: string;
  prefix: string;
  ownerEmail: string;
  ownerName: string;
  passwordHash: string;
  interviewers: number;
}

/** `${prefix}-owner` (OWNER) and `${prefix}-u1…uN` named "Interviewer 01…" (INTERVIEWER), inside the caller's transaction. */
export async function createBenchOrganization(client: PoolClient, o: BenchOrganization): Promise<void> {
  await client.query(`INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, $2, $3, now())`, [o.orgId, o.name, o.slug]);
  await client.query(`INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1::text || '-owner', $2, $3, $4, now())`, [o.prefix, o.ownerEmail, o.ownerName, o.passwordHash]);
  await client.query(`INSERT INTO memberships (id, organization_id, user_id, role, updated_at) VALUES ($1::text || '-owner-m', $2, $1::text || '-owner', 'OWNER', now())`, [o.prefix, o.orgId]);
  await client.query(
    `INSERT INTO users (id, email, name, password_hash, updated_at)
     SELECT $1::text || '-u' || g, $1::text || '-u' || g || '@panelist.dev', 'Interviewer ' || lpad(g::text, 2, '0'), $2, now() FROM generate_series(1, $3::int) g`,
    [o.prefix, o.passwordHash, o.interviewers],
  );
  await client.query(`INSERT INTO memberships (id, organization_id, user_id, role, updated_at) SELECT $1::text || '-m' || g, $2, $1::text || '-u' || g, 'INTERVIEWER', now() FROM generate_series(1, $3::int) g`, [
    o.prefix,
    o.orgId,
    o.interviewers,
  ]);
}

/**
 * When the organization is not in the database yet: it (createBenchOrganization, the demo password)
 * and then the suite's `fill`, in one transaction, rolled back on failure. Returns when it started
 * (Date.now(), for the suite's "Created … in N ms" line), or null when the organization was there
 * already and nothing was written.
 */
export async function createBenchDataOnce(
  pool: Pool,
  org: Omit<BenchOrganization, "passwordHash">,
  fill: (client: PoolClient) => Promise<void>,
): Promise<number | null> {
  if ((await pool.query("SELECT 1 FROM organizations WHERE id = $1", [org.orgId])).rowCount) return null;
  const started = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await createBenchOrganization(client, { ...org, passwordHash });
    await fill(client);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
  return started;
}

/** Runs scripts/bench/<script> in a child (tsx, react-server condition) and parses its last stdout line as JSON. */
export function runBenchChild<T>(script: string, env: Record<string, string>): Promise<T> {
  const tsx = pathToFileURL(createRequire(join(process.cwd(), "package.json")).resolve("tsx")).href;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", tsx, join(process.cwd(), "scripts", "bench", script)], {
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as T);
      else reject(new Error(`${script} exited ${code}: ${err.slice(-2000)}`));
    });
  });
}
