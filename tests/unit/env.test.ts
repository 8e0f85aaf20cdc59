import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function freshEnv() {
  vi.resetModules();
  return (await import("@/lib/env")).env;
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
