import { env } from "./env";

export function validateEnvironmentOrExit(): void {
  try {
    env();
  } catch (err) {
    console.error(`\nPanelist cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
