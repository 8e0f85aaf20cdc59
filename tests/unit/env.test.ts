import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function freshEnv() {
  vi.resetModules();
  return (await import("@/lib/env")).env;
}

/** The message env() throws with the current process.env, or "" when it does not throw. */
async function freshEnvError(): Promise<string> {
  const env = await freshEnv();
  try {
    env();
    return "";
  } catch (err) {
    return (err as Error).message;
  }
}

afterEach(() => {
  process.env = { ...saved };
});

describe("environment validation", () => {
  it("refuses a production start without an auth secret, saying what to do", async () => {
    process.env = { ...saved, NODE_ENV: "production", DATABASE_URL: "postgres://u:p@localhost:5432/db" };
    delete process.env.NEXTAUTH_SECRET;
    const env = await freshEnv();
    expect(() => env()).toThrowError(/NEXTAUTH_SECRET is not set.*openssl rand/);
  });

  it("has no way to run production on the public development secret", async () => {
    // PANELIST_ALLOW_DEV_SECRET once let it; it is gone and means nothing now.
    process.env = { ...saved, NODE_ENV: "production", DATABASE_URL: "postgres://u:p@localhost:5432/db", PANELIST_ALLOW_DEV_SECRET: "1" };
    delete process.env.NEXTAUTH_SECRET;
    expect(await freshEnvError()).toMatch(/NEXTAUTH_SECRET is not set/);
    const { DEV_AUTH_SECRET } = await import("@/lib/env");
    process.env.NEXTAUTH_SECRET = DEV_AUTH_SECRET;
    expect(await freshEnvError()).toMatch(/public development secret/);
  });

  it("reads TRUSTED_PROXY_HOPS as 0 when unset and refuses anything but a whole number from 0 to 10", async () => {
    process.env = { ...saved, NODE_ENV: "development", DATABASE_URL: "postgres://u:p@localhost:5432/db" };
    delete process.env.TRUSTED_PROXY_HOPS;
    expect((await freshEnv())().TRUSTED_PROXY_HOPS).toBe(0);
    process.env.TRUSTED_PROXY_HOPS = "2";
    expect((await freshEnv())().TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "1.5", "eleven", "11"]) {
      process.env.TRUSTED_PROXY_HOPS = bad;
      expect(await freshEnvError()).toMatch(/TRUSTED_PROXY_HOPS: TRUSTED_PROXY_HOPS must be a whole number from 0 to 10/);
    }
  });

  it("uses the dev-only secret outside production", async () => {
    process.env = { ...saved, NODE_ENV: "development", DATABASE_URL: "postgres://u:p@localhost:5432/db" };
    delete process.env.NEXTAUTH_SECRET;
    const env = await freshEnv();
    const { DEV_AUTH_SECRET } = await import("@/lib/env");
    expect(env().AUTH_SECRET).toBe(DEV_AUTH_SECRET);
  });

  it("rejects a short secret and a malformed database URL with field names", async () => {
    process.env = { ...saved, NODE_ENV: "production", DATABASE_URL: "not a url", NEXTAUTH_SECRET: "short" };
    const env = await freshEnv();
    expect(() => env()).toThrowError(/DATABASE_URL[\s\S]*NEXTAUTH_SECRET/);
  });
});
