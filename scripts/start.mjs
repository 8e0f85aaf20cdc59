// npm start — plain node from the first step: builds the app when there is no compiled build yet
// (a fresh clone: `npm run build`), then runs the compiled start (dist/start.js, from
// scripts/serve.ts): DATABASE_URL, or the embedded PostgreSQL with demo data, then the compiled
// production server. A production deploy runs `node dist/server.js` in the build's folder
// instead (README: Deploying).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
// In a production folder (the build's standalone output) the compiled start sits beside us.
const own = join(root, "dist", "start.js");
const startFile = existsSync(own) ? own : join(root, distDir, "standalone", "dist", "start.js");

if (startFile !== own && (!existsSync(join(root, distDir, "BUILD_ID")) || !existsSync(startFile))) {
  console.log("No production build found: running `npm run build` first…");
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(process.execPath, [startFile, "start", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
