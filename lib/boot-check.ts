import { sessionPolicy } from "./auth/session-policy";
import { connectionBudget } from "./db/connection-budget";
import { env } from "./env";

export function validateEnvironmentOrExit(): void {
  try {
    env();
    sessionPolicy(); // SESSION_MAX_AGE_HOURS, SESSION_IDLE_TIMEOUT_HOURS
    connectionBudget(); // DATABASE_CONNECTIONS
  } catch (err) {
    console.error(`\nPanelist cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
