// Where demo data may go. The demo organization's accounts have published passwords
// (lib/seed/credentials.ts), so they must never land in a database people use for real:
//  - `npm run dev` / `npm start` seed an empty database only when it is the embedded one
//    (no DATABASE_URL): a start against DATABASE_URL never seeds;
//  - `npm run db:seed` refuses a database that is not on this machine, or a production
//    environment, unless told `--allow-remote`;
//  - the e2e runner and the benchmark seed their own throwaway databases explicitly
//    (scripts/lib/throwaway.ts).
// Pure functions, so tests/unit/seed-policy.test.ts can prove each rule.

const LOCAL_HOSTS = new Set(["localhost", "::1", "[::1]"]);

/** A DATABASE_URL on this machine: localhost, a loopback address, or a Unix socket. */
export function isLocalDatabaseUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const socketHost = u.searchParams.get("host");
  if (socketHost) return socketHost.startsWith("/");
  const host = u.hostname.toLowerCase();
  if (host === "") return true; // postgres:///db — the default Unix socket
  return LOCAL_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Whether a start (`npm run dev` / `npm start`) loads the demo organization into an empty database. */
export function seedsDemoDataOnStart(database: { embedded: boolean }): boolean {
  return database.embedded;
}

export const ALLOW_REMOTE_FLAG = "--allow-remote";

export type DemoSeedDecision = { allowed: true } | { allowed: false; reason: string };

/** Whether `npm run db:seed` may load the demo organization into this database. */
export function demoSeedDecision(opts: { url: string; embedded: boolean; allowRemote: boolean; nodeEnv?: string }): DemoSeedDecision {
  if (opts.embedded || opts.allowRemote) return { allowed: true };
  const advice =
    `The demo accounts have published passwords, so they are never loaded there by accident. ` +
    `If this really is a throwaway demo database, run: npm run db:seed -- ${ALLOW_REMOTE_FLAG}`;
  if (!isLocalDatabaseUrl(opts.url)) {
    return { allowed: false, reason: `Refusing to seed demo data into ${describeHost(opts.url)}: it is not a database on this machine. ${advice}` };
  }
  if (opts.nodeEnv === "production") {
    return { allowed: false, reason: `Refusing to seed demo data with NODE_ENV=production. ${advice}` };
  }
  return { allowed: true };
}

function describeHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || "a socket"}${u.port ? `:${u.port}` : ""}`;
  } catch {
    return "DATABASE_URL";
  }
}
