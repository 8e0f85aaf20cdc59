// Runs once when the server boots: a misconfigured production server (no auth secret, no
// database URL) stops here with a clear message instead of failing on its first request.
// The Node-only check lives in its own module so the edge bundle never sees process.exit.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { validateEnvironmentOrExit } = await import("./lib/boot-check");
    validateEnvironmentOrExit();
  }
}
