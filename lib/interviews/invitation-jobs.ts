import "server-only";
import type { RoleName } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getJobs, noteWorker, workDraining } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { sendMail } from "@/lib/mail/send-mail";
import { isAnonymizedFor } from "@/lib/reports/report-access";
import { buildInvitationMessage, type InvitationKind } from "./invitation-message";
import { addMinutes } from "./time-zones";

/**
 * Invitation mails on the Postgres job queue (lib/jobs/queue.ts), never in the request:
 * `recordInvitationMails` (invitation-outbox.ts) writes each owed mail in the transaction of
 * the change, the service hands the new rows to the queue after its commit, and a worker sends
 * each one once. The worker takes a lock per recipient and interview (so one person's mails
 * about one interview are decided one at a time, in whatever worker), locks the row, and drops
 * it when a newer round for the same person exists (a reschedule or cancellation before the
 * mail went: only the latest is sent), when the interview is no longer on (for an invitation or
 * update), when nothing was ever sent that a cancellation would cancel, or when the person has
 * left the organization; else it sends and marks it sent in the same transaction. As with the
 * reminders (lib/feedback/reminders.ts), a worker killed before its commit leaves the row
 * pending for the retry; only a kill between the mail server's acceptance and the commit can
 * repeat a mail.
 *
 * A one-minute sweep hands the queue any pending mail whose job was lost (the process died
 * between the commit and the enqueue, or the queue was down), and gives up on a mail still
 * undelivered after a day (dropped, logged).
 */
export const INVITATION_MAIL_QUEUE = "interview-mail";
export const INVITATION_SWEEP_QUEUE = "interview-mail-sweep";
/** One queued and one active job per mail (its id is the singleton key). */
const MAIL_QUEUE_OPTIONS = { policy: "stately" } as const;
const MAIL_JOB_OPTIONS = { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 } as const;
/** The sweep leaves a new mail to the enqueue that follows its commit for this long. */
const SWEEP_GRACE_MS = 60_000;
/** A mail not delivered after this long is given up. */
const GIVE_UP_MS = 24 * 3_600_000;

const out = () => log("interviews");

/**
 * After the commit: a job for each pending mail. Never throws — the change is already
 * committed, and a mail the queue could not take now is handed over by the next sweep.
 */
export async function enqueueInvitationMails(mailIds: readonly string[]): Promise<number> {
  if (mailIds.length === 0) return 0;
  try {
    const boss = await getJobs(INVITATION_MAIL_QUEUE, MAIL_QUEUE_OPTIONS);
    let queued = 0;
    for (const id of mailIds) if (await boss.send(INVITATION_MAIL_QUEUE, { mailId: id }, { singletonKey: id, ...MAIL_JOB_OPTIONS })) queued++;
    return queued;
  } catch (err) {
    out().warn({ reason: err instanceof Error ? err.message : String(err), mails: mailIds.length }, "invitation mail not queued; the sweep will queue it");
    return 0;
  }
}

/** Queues every pending mail older than the grace period; drops those pending for over a day. Returns how many were queued. */
export async function sweepInvitationMails(now: Date = new Date()): Promise<number> {
  const expired = await db.interviewMail.updateMany({ where: { status: "pending", createdAt: { lt: new Date(now.getTime() - GIVE_UP_MS) } }, data: { status: "dropped" } });
  if (expired.count) out().warn({ mails: expired.count }, "invitation mail given up: not delivered within a day");
  const pending = await db.interviewMail.findMany({
    where: { status: "pending", createdAt: { lte: new Date(now.getTime() - SWEEP_GRACE_MS) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 5_000,
  });
  return enqueueInvitationMails(pending.map((p) => p.id));
}

export type DeliveryOutcome = "sent" | "dropped" | "skipped";

/**
 * Sends one invitation mail, once. "skipped": not pending any more (another worker sent or
 * dropped it), or mail is not configured (then marked skipped).
 */
export async function deliverInvitationMail(mailId: string, now: Date = new Date()): Promise<DeliveryOutcome> {
  const key = await db.interviewMail.findUnique({ where: { id: mailId }, select: { interviewId: true, userId: true, status: true } });
  if (key?.status !== "pending") return "skipped";
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('panelist.interview-mail'), hashtext(${`${key.interviewId}:${key.userId}`}))`;
      const [mail] = await tx.$queryRaw<{ id: string; organization_id: string; kind: InvitationKind; round: number }[]>`
        SELECT id, organization_id, kind, round FROM interview_mails WHERE id = ${mailId} AND status = 'pending' FOR UPDATE`;
      if (!mail) return "skipped";
      const drop = async (why: string): Promise<DeliveryOutcome> => {
        out().info({ mailId, kind: mail.kind, why }, "invitation mail dropped");
        await tx.interviewMail.update({ where: { id: mail.id }, data: { status: "dropped" } });
        return "dropped";
      };

      const others = await tx.interviewMail.findMany({ where: { interviewId: key.interviewId, userId: key.userId, id: { not: mail.id } }, select: { round: true, status: true } });
      if (others.some((o) => o.round > mail.round)) return drop("superseded by a newer change");
      const sentBefore = others.some((o) => o.round < mail.round && o.status === "sent");

      const interview = await tx.interview.findUniqueOrThrow({
        where: { id: key.interviewId },
        select: {
          id: true,
          status: true,
          title: true,
          startsAt: true,
          durationMinutes: true,
          timeZone: true,
          kitName: true,
          meetingUrl: true,
          icsUid: true,
          candidate: { select: { id: true, name: true } },
          organization: { select: { anonymizedReview: true } },
          createdBy: { select: { name: true, email: true } },
          panelists: { orderBy: [{ isLead: "desc" }, { createdAt: "asc" }], select: { isLead: true, user: { select: { id: true, name: true, email: true } } } },
        },
      });
      const recipient = await tx.user.findUniqueOrThrow({
        where: { id: key.userId },
        select: { name: true, email: true, timeZone: true, deactivatedAt: true, memberships: { where: { organizationId: mail.organization_id }, select: { role: true } } },
      });
      const role = recipient.memberships[0]?.role;
      if (!role || recipient.deactivatedAt) return drop("the recipient left the organization");
      if (mail.kind === "cancellation") {
        if (!sentBefore) return drop("nothing was sent that this would cancel");
      } else if (interview.status !== "SCHEDULED" || addMinutes(interview.startsAt, interview.durationMinutes) <= now) {
        return drop("the interview is no longer ahead");
      }

      const panel = interview.panelists.map((p) => ({ name: p.user.name, email: p.user.email, isLead: p.isLead }));
      const onPanel = interview.panelists.some((p) => p.user.id === key.userId);
      const lead = panel.find((p) => p.isLead);
      const message = buildInvitationMessage({
        // An update to someone who never got the invitation (it was superseded, or mail came on later) is their invitation.
        kind: mail.kind === "update" && !sentBefore ? "invitation" : mail.kind,
        removedFromPanel: !onPanel,
        sequence: mail.round,
        anonymized: isAnonymizedFor({ role: role as RoleName }, interview.organization),
        publicUrl: env().PUBLIC_URL,
        recipient: { name: recipient.name, email: recipient.email, timeZone: recipient.timeZone },
        interview,
        // RFC 5546 needs an organizer; when the scheduler's account is gone the lead stands in.
        organizer: interview.createdBy ?? lead ?? { name: recipient.name, email: recipient.email },
        // Someone taken off the panel is the one attendee of their cancellation.
        panel: onPanel ? panel : [{ name: recipient.name, email: recipient.email, isLead: false }],
      });
      const sent = await sendMail({ to: recipient.email, subject: message.subject, text: message.text, html: message.html, calendar: message.ics });
      await tx.interviewMail.update({ where: { id: mail.id }, data: sent ? { status: "sent", sentAt: now } : { status: "skipped" } });
      return sent ? "sent" : "skipped";
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** This instance's part: the one-minute sweep and invitation mail workers. */
export async function startInvitationMailJobs(opts: { pollingIntervalSeconds?: number; cron?: string } = {}): Promise<void> {
  const boss = await getJobs(INVITATION_SWEEP_QUEUE);
  await getJobs(INVITATION_MAIL_QUEUE, MAIL_QUEUE_OPTIONS);
  await boss.schedule(INVITATION_SWEEP_QUEUE, opts.cron ?? "* * * * *", {}, { singletonKey: "sweep" });
  noteWorker(await boss.work(INVITATION_SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 5 }, async () => void (await sweepInvitationMails())));
  noteWorker(
    await workDraining<{ mailId: string }>(boss, INVITATION_MAIL_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async ([job]) => {
      if (job) await deliverInvitationMail(job.data.mailId);
    }),
  );
}
