// Loads the demo data into a migrated database at `url` by running scripts/seed-demo.ts in a
// process of its own (the seed goes through the services, and they use the process's shared
// client on DATABASE_URL). From the source it runs under tsx; in a build (`npm start`, the
// production folder) the compiled dist/seed.js beside the running start. Resolves with the
// seed's summary; rejects with the seed's own error output.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SeedSummary } from "../../lib/seed/demo";
import { SEED_SUMMARY_MARK } from "./seed-summary";

function seedCommand(): string[] {
  const compiled = process.env.PANELIST_COMPILED === "1" && process.argv[1] ? join(dirname(process.argv[1]), "seed.js") : undefined;
  if (compiled && existsSync(compiled)) return ["--conditions=react-server", compiled];
  // tsx's loader in this process (no second node in between), from the project's node_modules.
  const tsx = createRequire(join(process.cwd(), "package.json")).resolve("tsx");
  return ["--conditions=react-server", "--import", pathToFileURL(tsx).href, join(process.cwd(), "scripts", "seed-demo.ts")];
}

export function seedDemoDatabase(url: string): Promise<SeedSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, seedCommand(), {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(SEED_SUMMARY_MARK));
      if (code === 0 && line) resolve(JSON.parse(line.slice(SEED_SUMMARY_MARK.length)) as SeedSummary);
      else reject(new Error(`the demo seed exited with ${code}: ${(err || out).trim().split("\n").slice(-15).join("\n")}`));
    });
  });
}
