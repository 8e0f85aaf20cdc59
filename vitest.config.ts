// Five projects (the fifth, release, runs after the build): unit tests run without a database; component tests render React in jsdom; integration tests get a real Postgres
// (embedded unless DATABASE_URL points at a local server), one fresh database per test
// file, cloned from a migrated template so each file starts empty and isolated.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // Next enforces "server-only" at build time; under Vitest it is an empty module.
      "server-only": fileURLToPath(new URL("./tests/setup/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    // 2 cores: more workers only contend for CPU with Postgres.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        // React components in a DOM (jsdom + Testing Library): the room's keyboard, renders, submit.
        test: { name: "component", include: ["tests/component/**/*.test.tsx"], environment: "jsdom", testTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/per-file.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // The trust layer (issue #12), generated from the route files: the origin/content-type/size
        // guard and the headers through proxy.ts and the production server's fast path, and a
        // property-based fuzz of every route handler against a real Postgres (same setup as integration).
        test: {
          name: "security",
          include: ["tests/security/**/*.test.ts"],
          // This process serves every route but runs no lab workers: readiness does not wait for them.
          env: { PANELIST_LAB_WORKERS: "0" },
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/per-file.ts"],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // The production folder (tests/release/): needs `npm run build` first, so `npm test` runs it
        // after the build step (`vitest run --project release`), never with the projects above.
        test: {
          name: "release",
          include: ["tests/release/**/*.test.ts"],
          globalSetup: ["tests/setup/global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 660_000,
        },
      },
    ],
  },
});
