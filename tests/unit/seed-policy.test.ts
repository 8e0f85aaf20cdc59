// Demo data only where asked (scripts/lib/seed-policy.ts): a start seeds only the embedded
// database, and `npm run db:seed` refuses a database elsewhere unless told --allow-remote.
import { describe, expect, it } from "vitest";
import { demoSeedDecision, isLocalDatabaseUrl, seedsDemoDataOnStart } from "@/scripts/lib/seed-policy";

describe("a start (npm run dev / npm start)", () => {
  it("seeds the embedded development database and never a DATABASE_URL, local or not", () => {
    expect(seedsDemoDataOnStart({ embedded: true })).toBe(true);
    expect(seedsDemoDataOnStart({ embedded: false })).toBe(false);
  });
});

describe("npm run db:seed", () => {
  const remote = "postgresql://panelist:secret@db.internal.example.com:5432/panelist";

  it("refuses a database that is not on this machine, saying why and which flag overrides it", () => {
    const d = demoSeedDecision({ url: remote, embedded: false, allowRemote: false });
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.reason).toMatch(/db\.internal\.example\.com:5432.*not a database on this machine/);
      expect(d.reason).toContain("npm run db:seed -- --allow-remote");
      expect(d.reason).not.toContain("secret");
    }
  });

  it("seeds a remote database when given --allow-remote", () => {
    expect(demoSeedDecision({ url: remote, embedded: false, allowRemote: true })).toEqual({ allowed: true });
  });

  it("seeds the embedded database and a local DATABASE_URL without a flag", () => {
    expect(demoSeedDecision({ url: "postgresql://postgres:postgres@127.0.0.1:54320/panelist", embedded: true, allowRemote: false }).allowed).toBe(true);
    expect(demoSeedDecision({ url: "postgresql://me@localhost/panelist", embedded: false, allowRemote: false }).allowed).toBe(true);
  });

  it("refuses even a local database when NODE_ENV is production, unless given the flag", () => {
    const local = "postgresql://me@localhost/panelist";
    expect(demoSeedDecision({ url: local, embedded: false, allowRemote: false, nodeEnv: "production" }).allowed).toBe(false);
    expect(demoSeedDecision({ url: local, embedded: false, allowRemote: true, nodeEnv: "production" }).allowed).toBe(true);
  });

  it("treats only loopback hosts and Unix sockets as local", () => {
    for (const url of ["postgres://localhost/db", "postgres://127.0.0.1:5432/db", "postgres://127.1.2.3/db", "postgres://[::1]:5432/db", "postgres:///db", "postgres:///db?host=/var/run/postgresql"]) {
      expect(isLocalDatabaseUrl(url), url).toBe(true);
    }
    for (const url of ["postgres://10.0.0.5/db", "postgres://db/db", "postgres://localhost.evil.example/db", "postgres://127.0.0.1.nip.io/db", "postgres://u@x/db?host=db.example.com", "not a url"]) {
      expect(isLocalDatabaseUrl(url), url).toBe(false);
    }
  });
});
