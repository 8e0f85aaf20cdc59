// Runs once when the server boots: a misconfigured production server (no auth secret, no
// database URL) stops here with a clear message instead of failing on its first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  try {
    env();
  } catch (err) {
    console.error(`\nPanelist cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
