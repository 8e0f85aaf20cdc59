// End-to-end tests against the production build, driven by `npm run test:e2e`
// (scripts/e2e.ts), which starts the database and `next start` and passes BASE_URL.
//
// Browsers: Playwright's own download (`npx playwright install`) is unreachable on machines
// without internet, so the tests drive Debian's chromium (`apt-get install chromium`).
// CHROMIUM_PATH points elsewhere when it lives somewhere else.
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/lib/chromium";

const isCI = !!process.env.CI;

export const E2E_JSON_REPORT = process.env.E2E_JSON_REPORT ?? "test-results/e2e-results.json";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results/e2e",
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  // Two cores: more workers only make next start, Postgres and chromium fight for CPU.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: E2E_JSON_REPORT }]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
});
