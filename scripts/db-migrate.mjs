// npm run db:migrate — the deploy step: applies prisma/migrations to DATABASE_URL (or, when it is
// unset, to the embedded dev database), once per deploy, before the replicas start. Plain node:
// in a checkout with its sources it runs scripts/db-migrate.ts through tsx; in a production
// build's folder (no sources, no tsx) it runs the compiled dist/migrate.js.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "scripts", "db-migrate.ts");
let tsx = null;
try {
  tsx = createRequire(join(root, "package.json")).resolve("tsx");
} catch {
  tsx = null;
}
const args = existsSync(source) && tsx ? ["--import", "tsx", source] : [join(root, "dist", "migrate.js")];
const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], { cwd: process.cwd(), stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
