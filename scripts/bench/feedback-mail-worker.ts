// Child of the feedback bench (scripts/bench/feedback.ts): one reminder mail worker's
// throughput. Runs the real worker function (lib/feedback/reminders.ts: lock, re-check, send,
// mark sent) over the pending reminders the bench recorded, against an in-process SMTP server
// (smtp-server). Started with the react-server condition (the services' "server-only" marker);
// prints one JSON line.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

async function main(): Promise<void> {
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  const { db } = await import("../../lib/db/client");
  const { deliverReminderMail } = await import("../../lib/feedback/reminders");
  const pending = await db.notification.findMany({ where: { emailStatus: "pending", organizationId: process.env.BENCH_ORG_ID }, select: { id: true } });
  const t0 = performance.now();
  let sent = 0;
  for (const p of pending) if ((await deliverReminderMail(p.id)) === "sent") sent++;
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify({ sent, received, seconds })}\n`);
  (await import("../../lib/mail/send-mail")).closeMailTransport();
  await db.$disconnect();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
