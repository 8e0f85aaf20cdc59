// Runs once when the server boots: a misconfigured production server (no auth secret, no
// database URL) stops here with a clear message instead of failing on its first request; then
// this instance's workers start taking jobs off the queue: lab runs (lib/lab/lab-jobs.ts) unless
// PANELIST_LAB_WORKERS=0 (an instance that serves but runs no labs), and scorecard reminders
// (lib/feedback/reminders.ts: the one-minute sweep and the reminder mail) and interview
// invitation mail (lib/interviews/invitation-jobs.ts) unless PANELIST_REMINDER_WORKERS=0, and the
// analytics refresh (lib/analytics/snapshots.ts) unless PANELIST_ANALYTICS_WORKERS=0, and webhook
// delivery (lib/webhooks/deliver-webhook.ts) unless PANELIST_WEBHOOK_WORKERS=0.
// The Node-only code lives in its own modules so the edge bundle never sees process.exit.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { validateEnvironmentOrExit } = await import("./lib/boot-check");
  validateEnvironmentOrExit();
  if (!process.env.DATABASE_URL) return;
  const { log } = await import("./lib/log");
  // Not awaited: the server answers while the queue starts; readiness says when it runs. A start
  // that fails (the database restarting) is tried again, backing off to 30 s.
  const startWithRetry = (what: string, start: () => Promise<void>) => {
    const attempt = (n: number): void => {
      start().catch((err: unknown) => {
        const waitMs = Math.min(30_000, 1000 * 2 ** n);
        log("jobs").error({ reason: err instanceof Error ? err.message : String(err), retryInMs: waitMs }, `${what} could not start`);
        setTimeout(() => attempt(n + 1), waitMs).unref();
      });
    };
    attempt(0);
  };
  if (process.env.PANELIST_LAB_WORKERS !== "0") {
    const { startLabWorkers } = await import("./lib/lab/lab-jobs");
    startWithRetry("lab workers", () => startLabWorkers());
  }
  if (process.env.PANELIST_REMINDER_WORKERS !== "0") {
    const { startFeedbackJobs } = await import("./lib/feedback/reminders");
    startWithRetry("reminder workers", () => startFeedbackJobs());
    const { startInvitationMailJobs } = await import("./lib/interviews/invitation-jobs");
    startWithRetry("invitation mail workers", () => startInvitationMailJobs());
    const { startIdempotencySweep } = await import("./lib/api/v1/idempotency");
    startWithRetry("API idempotency-key sweep", () => startIdempotencySweep());
    const { startSsoDomainRecheck } = await import("./lib/sso/recheck-sso-domains");
    startWithRetry("SSO domain re-check", () => startSsoDomainRecheck());
  }
  if (process.env.PANELIST_WEBHOOK_WORKERS !== "0") {
    const { startWebhookJobs } = await import("./lib/webhooks/deliver-webhook");
    startWithRetry("webhook delivery workers", () => startWebhookJobs());
  }
  if (process.env.PANELIST_ANALYTICS_WORKERS !== "0") {
    const { startAnalyticsJobs } = await import("./lib/analytics/snapshots");
    startWithRetry("analytics workers", () => startAnalyticsJobs());
  }
}
