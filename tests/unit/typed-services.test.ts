// Input is parsed once, where it enters (routes: parseJson/parseQuery; scripts, the seed,
// tests: parseInput), and services take the typed value. This reads every server-only module
// under lib/ and fails when one parses again (`.safeParse(`) or exports a function taking
// `unknown` — except the boundaries listed here, each with its reason.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const BOUNDARIES: Record<string, string> = {
  "lib/questions/import-questions.ts": "a question file is parsed row by row, so errors can name the row",
  "lib/auth/sign-in.ts": "next-auth's credentials callback hands over whatever the form posted",
  "lib/auth/password-reset.ts": "checkResetToken answers whether a link's token is well-formed at all",
  "lib/env.ts": "the process environment",
  "lib/api/route.ts": "the route layer itself: parseJson and parseQuery are where request input enters",
  "lib/lab/execute-lab-run.ts": "a lab run's params as stored (a JSON column), checked again before a worker runs them",
  "lib/lab/lab-run-view.ts": "a lab run's stored result (a JSON column)",
  "lib/api/v1/idempotency.ts": "hashes and replays whatever JSON a public API create was sent or answered, before and after the route parses it",
  "lib/sso/discovery.ts": "an identity provider's discovery document and key set, fetched from the issuer an owner typed",
  "lib/webhooks/deliver-webhook.ts": "an event's stored payload (a JSON column), signed and sent as it is",
};

function serverModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : serverModules(path);
    return e.name.endsWith(".ts") && /^import "server-only";/m.test(readFileSync(path, "utf8")) ? [relative(process.cwd(), path)] : [];
  });
}

describe("services take typed input", () => {
  const modules = serverModules(join(process.cwd(), "lib"));

  it("finds the services", () => {
    expect(modules.length).toBeGreaterThan(50);
    expect(modules).toContain("lib/candidates/create-candidate.ts");
  });

  it("no service parses its input again, and none takes `unknown`, outside the listed boundaries", () => {
    const parsing = modules.filter((m) => {
      const src = readFileSync(m, "utf8");
      return /\.safeParse\(/.test(src) || /export (async )?function \w+\([^)]*:\s*unknown\b/.test(src);
    });
    expect(parsing.sort()).toEqual(Object.keys(BOUNDARIES).filter((b) => parsing.includes(b)).sort());
    for (const m of parsing) expect(BOUNDARIES[m], m).toBeDefined();
  });
});
