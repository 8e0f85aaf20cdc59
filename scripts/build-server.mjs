// The second half of `npm run build` (after `next build`): completes Next's standalone output
// into a folder that holds everything production runs, with plain `node`, besides the production
// dependencies (`npm ci --omit=dev --ignore-scripts` in that folder):
//
//   <distDir>/standalone/
//     .next/                 Next's server build (from `output: "standalone"`), plus .next/static
//     public/                (when the project has one)
//     dist/server.js         scripts/server.ts compiled: Next's handler + the live scoring write path
//     dist/start.js          scripts/serve.ts compiled: `npm start` (embedded database when there is no DATABASE_URL)
//     dist/migrate.js        scripts/db-migrate.ts compiled: the deploy step `npm run db:migrate`
//     dist/seed.js           scripts/seed-demo.ts compiled: the demo data, for a start on the embedded database
//     dist/lab-worker.js     the lab worker thread (lib/lab/runner/lab-worker-main.ts) compiled
//     prisma/migrations/     what dist/migrate.js applies and the server checks on start
//     lib/lab/models/        the demo labs' trained weights
//     package.json, package-lock.json   for `npm ci --omit=dev --ignore-scripts`
//
// Our own code is bundled (esbuild); every npm package stays external and loads from the
// production node_modules. Next's traced node_modules subset is removed: `npm ci --omit=dev`
// provides them (the lab worker needs TensorFlow.js, which Next's tracer never sees).
// Plain .mjs: it runs with node alone. NEXT_DIST_DIR selects the build (default .next).
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const out = join(root, distDir, "standalone");
const t0 = Date.now();

if (!existsSync(join(root, distDir, "BUILD_ID"))) {
  console.error(`build-server: no Next build in ${distDir}/ (run \`next build\` first).`);
  process.exit(1);
}
if (!existsSync(join(out, distDir))) {
  console.error(`build-server: ${distDir}/standalone/ is missing: next.config.js must keep \`output: "standalone"\`.`);
  process.exit(1);
}

await build({
  entryPoints: {
    server: join(root, "scripts/server.ts"),
    start: join(root, "scripts/serve.ts"),
    migrate: join(root, "scripts/db-migrate.ts"),
    seed: join(root, "scripts/seed-demo.ts"),
    "lab-worker": join(root, "lib/lab/runner/lab-worker-main.ts"),
  },
  outdir: join(out, "dist"),
  bundle: true,
  platform: "node",
  target: "node20",
  // ESM (the generated Prisma client uses import.meta.url), with `require` for bundled code that calls it.
  format: "esm",
  banner: { js: 'import { createRequire as __panelistCreateRequire } from "node:module"; const require = __panelistCreateRequire(import.meta.url);' },
  packages: "external",
  tsconfig: join(root, "tsconfig.json"),
  sourcemap: "linked",
  // The compiled files know they are compiled (scripts/lib/production-server.ts picks them).
  define: { "process.env.PANELIST_COMPILED": '"1"' },
  logLevel: "warning",
  // Next enforces "server-only" when it bundles; the compiled server (the hot reads it answers
  // itself, lib/api/direct-routes.ts) loads those server modules outside Next, on the server.
  plugins: [
    {
      name: "server-only",
      setup(b) {
        b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
        b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
      },
    },
  ],
});
// ES modules, whatever the project's package.json says.
writeFileSync(join(out, "dist", "package.json"), JSON.stringify({ type: "module" }) + "\n");
// Which folder holds the Next build (NEXT_DIST_DIR at build time): the server's default.
writeFileSync(join(out, "dist", "build.json"), JSON.stringify({ distDir }) + "\n");

const copy = (from, to = from) => {
  if (existsSync(join(root, from))) cpSync(join(root, from), join(out, to), { recursive: true });
};
rmSync(join(out, distDir, "static"), { recursive: true, force: true });
copy(join(distDir, "static"));
copy("public");
rmSync(join(out, "prisma"), { recursive: true, force: true });
copy("prisma/migrations");
mkdirSync(join(out, "lib", "lab"), { recursive: true });
rmSync(join(out, "lib", "lab", "models"), { recursive: true, force: true });
copy("lib/lab/models");
copy("package.json");
// `npm run db:migrate` in the production folder (it picks dist/migrate.js there).
mkdirSync(join(out, "scripts"), { recursive: true });
copy("scripts/db-migrate.mjs");
copy("scripts/start.mjs");
copy("package-lock.json");
// Next's own standalone entry point and traced dependencies: replaced by dist/server.js and
// the production install.
rmSync(join(out, "server.js"), { force: true });
rmSync(join(out, "node_modules"), { recursive: true, force: true });

console.log(`build-server: compiled the server, start, migrate, seed and lab worker into ${distDir}/standalone/ in ${Date.now() - t0} ms.`);
