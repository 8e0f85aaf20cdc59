import "server-only";
import type { RoleName } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { zonedTime } from "@/lib/interviews/time-zones";
import { getJobs, noteWorker, workDraining } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { escapeHtml, mailConfigured, sendMail } from "@/lib/mail/send-mail";
import { anonymousInterviewTitle } from "@/lib/reports/anonymize";
import { isAnonymizedFor } from "@/lib/reports/report-access";
import { describeDue, scheduledEnd } from "./due";
import { escalationDue, reminderDue } from "./reminder-schedule";

/**
 * Scorecard reminders and escalation, on the Postgres job queue (lib/jobs/queue.ts) — never an
 * in-process timer. A cron job (every minute, one run across all replicas) sweeps the open
 * scorecards and records each reminder or escalation that has come due as a row in
 * `notifications`, whose unique key (panelist, kind, the interview's schedule round, seq,
 * recipient) lets exactly one sweep insert it: several replicas, restarts and re-runs add
 * nothing. Each new row is the recipient's in-app notification (unless muted) and, when mail is
 * on and not muted, a mail job; the mail worker locks the row, checks it is still due (not
 * submitted, cancelled or rescheduled meanwhile — else it is dropped, and logged), sends, and
 * marks it sent in the same transaction. A worker killed before its commit leaves the row
 * pending, and the job (or the next sweep) sends it again; only a kill in the moment between
 * the mail server's acceptance and the commit can repeat a mail.
 */
export const SWEEP_QUEUE = "feedback-sweep";
export const MAIL_QUEUE = "feedback-mail";
/** One queued and one active mail job per notification (its id is the singleton key). */
const MAIL_QUEUE_OPTIONS = { policy: "stately" } as const;

interface OpenRow {
  panelist_id: string;
  interview_id: string;
  organization_id: string;
  round: number;
  title: string;
  candidate_id: string;
  kit_name: string;
  starts_at: Date;
  duration_minutes: number;
  due_at: Date;
  created_by_id: string | null;
  user_id: string;
  user_name: string;
  time_zone: string;
  anonymized_review: boolean;
  reminder_first_after_minutes: number;
  reminder_daily_limit: number;
  escalate_after_days: number;
  escalate_to_admins: boolean;
}

interface Recipient {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  role: string;
  muteReminderEmail: boolean;
  muteReminderInApp: boolean;
}

interface NewNotification {
  organizationId: string;
  userId: string;
  kind: "scorecard.reminder" | "scorecard.escalation";
  panelistId: string;
  interviewId: string;
  round: number;
  seq: number;
  title: string;
  body: string;
  link: string;
  inApp: boolean;
  emailStatus: "pending" | "skipped";
}

// Links are stored as paths (the notification centre follows them as they are); the mail makes
// them absolute with the public URL when it is sent.
const roomLink = (interviewId: string) => `/interviews/${interviewId}/room`;
const scorecardsLink = () => "/scorecards";

function titleFor(r: OpenRow, recipient: Recipient): string {
  return isAnonymizedFor({ role: recipient.role as RoleName }, { anonymizedReview: r.anonymized_review }) ? anonymousInterviewTitle(r.candidate_id, r.kit_name) : r.title;
}

/**
 * Records every reminder and escalation due at `now`; returns how many were new. `mail: false`
 * records them for the app only (the demo seed: its accounts' addresses are not real).
 */
export async function sweepReminders(now: Date = new Date(), opts: { mail?: boolean } = {}): Promise<{ created: number; mailed: number }> {
  const open = await db.$queryRaw<OpenRow[]>`
    SELECT p.id AS panelist_id, i.id AS interview_id, i.organization_id, i.ics_sequence AS round, i.title, i.candidate_id, i.kit_name,
           i.starts_at, i.duration_minutes, p.feedback_due_at AS due_at, i.created_by_id,
           u.id AS user_id, u.name AS user_name, u.time_zone, o.anonymized_review,
           o.reminder_first_after_minutes, o.reminder_daily_limit, o.escalate_after_days, o.escalate_to_admins
      FROM panelists p
      JOIN interviews i ON i.id = p.interview_id
      JOIN organizations o ON o.id = i.organization_id
      JOIN users u ON u.id = p.user_id
      LEFT JOIN scorecards sc ON sc.panelist_id = p.id
     WHERE i.status IN ('SCHEDULED', 'IN_PROGRESS')
       AND i.starts_at + make_interval(mins => i.duration_minutes) <= ${now}
       AND (sc.status IS NULL OR sc.status <> 'SUBMITTED')
       AND p.feedback_due_at IS NOT NULL
       AND u.deactivated_at IS NULL`;
  if (open.length === 0) return { created: 0, mailed: 0 };

  // Everyone who may hear: the panelists themselves, each interview's recruiter, and owners and admins.
  const orgIds = [...new Set(open.map((r) => r.organization_id))];
  const members = await db.membership.findMany({
    where: { organizationId: { in: orgIds }, user: { deactivatedAt: null } },
    select: { organizationId: true, role: true, user: { select: { id: true, name: true, email: true, timeZone: true, muteReminderEmail: true, muteReminderInApp: true } } },
  });
  const memberOf = new Map<string, Recipient>();
  const adminsOf = new Map<string, Recipient[]>();
  for (const m of members) {
    const r: Recipient = { ...m.user, role: m.role };
    memberOf.set(`${m.organizationId}:${m.user.id}`, r);
    if (m.role === "OWNER" || m.role === "ADMIN") adminsOf.set(m.organizationId, [...(adminsOf.get(m.organizationId) ?? []), r]);
  }

  const mailOn = opts.mail ?? mailConfigured();
  const rows: NewNotification[] = [];
  for (const r of open) {
    const end = scheduledEnd(r.starts_at, r.duration_minutes);
    const panelist = memberOf.get(`${r.organization_id}:${r.user_id}`);
    if (!panelist) continue;
    const due = describeDue(r.due_at, now);
    const rule = { firstAfterMinutes: r.reminder_first_after_minutes, dailyLimit: r.reminder_daily_limit, escalateAfterDays: r.escalate_after_days };
    const seq = reminderDue(end, rule, now, panelist.timeZone);
    const base = { organizationId: r.organization_id, panelistId: r.panelist_id, interviewId: r.interview_id, round: r.round };
    if (seq !== null) {
      const title = titleFor(r, panelist);
      rows.push({
        ...base,
        userId: panelist.id,
        kind: "scorecard.reminder",
        seq,
        title: `Your scorecard for “${title}” is ${due.text}`,
        body: `The interview ended ${when(end, panelist.timeZone)}. Your scorecard is ${due.text}.`,
        link: roomLink(r.interview_id),
        inApp: !panelist.muteReminderInApp,
        emailStatus: mailOn && !panelist.muteReminderEmail ? "pending" : "skipped",
      });
    }
    if (escalationDue(r.due_at, rule, now)) {
      const to = new Map<string, Recipient>();
      const recruiter = r.created_by_id ? memberOf.get(`${r.organization_id}:${r.created_by_id}`) : undefined;
      if (recruiter) to.set(recruiter.id, recruiter);
      if (r.escalate_to_admins) for (const a of adminsOf.get(r.organization_id) ?? []) to.set(a.id, a);
      to.delete(panelist.id);
      for (const person of to.values()) {
        const title = titleFor(r, person);
        rows.push({
          ...base,
          userId: person.id,
          kind: "scorecard.escalation",
          seq: 0,
          title: `${r.user_name}'s scorecard for “${title}” is ${due.text}`,
          body: `The interview ended ${when(end, person.timeZone)}; ${r.user_name} has not submitted their scorecard. It was due ${when(r.due_at, person.timeZone)}.`,
          link: scorecardsLink(),
          inApp: !person.muteReminderInApp,
          emailStatus: mailOn && !person.muteReminderEmail ? "pending" : "skipped",
        });
      }
    }
  }
  const created = await insertNotifications(rows);
  const mailed = mailOn ? await enqueuePendingMail() : 0;
  if (created) log("feedback").info({ created, mailed }, "scorecard reminders recorded");
  return { created, mailed };
}

function when(instant: Date, zone: string): string {
  const t = zonedTime(instant, zone);
  return `${t.date}, ${t.time} ${t.abbreviation}`;
}

/** Inserts the rows no sweep has inserted before (the unique key decides); returns how many. */
async function insertNotifications(rows: NewNotification[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += 1_000) {
    const batch = rows.slice(i, i + 1_000);
    const col = <K extends keyof NewNotification>(k: K) => batch.map((r) => r[k]);
    const inserted = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO notifications (id, organization_id, user_id, kind, panelist_id, interview_id, round, seq, title, body, link, in_app, email_status)
      SELECT gen_random_uuid()::text, * FROM unnest(
        ${col("organizationId")}::text[], ${col("userId")}::text[], ${col("kind")}::text[], ${col("panelistId")}::text[], ${col("interviewId")}::text[],
        ${col("round")}::int[], ${col("seq")}::int[], ${col("title")}::text[], ${col("body")}::text[], ${col("link")}::text[],
        ${col("inApp")}::boolean[], ${col("emailStatus")}::text[])
      ON CONFLICT (panelist_id, kind, round, seq, user_id) DO NOTHING
      RETURNING id`;
    created += inserted.length;
  }
  return created;
}

/**
 * A mail job for every pending mail (new ones, and any whose job was lost): pg-boss's singleton
 * key keeps one job per notification queued at a time.
 */
async function enqueuePendingMail(): Promise<number> {
  const pending = await db.notification.findMany({ where: { emailStatus: "pending" }, select: { id: true }, take: 5_000 });
  if (pending.length === 0) return 0;
  const boss = await getJobs(MAIL_QUEUE, MAIL_QUEUE_OPTIONS);
  let sent = 0;
  for (const p of pending) {
    const id = await boss.send(MAIL_QUEUE, { notificationId: p.id }, { singletonKey: p.id, retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 });
    if (id) sent++;
  }
  return sent;
}

/**
 * Sends one reminder's mail, once: locks the row, drops it if it is no longer due (the
 * scorecard was submitted, the interview cancelled or rescheduled), else sends and marks it sent
 * before the lock is released.
 */
export async function deliverReminderMail(notificationId: string, now: Date = new Date()): Promise<"sent" | "dropped" | "skipped"> {
  return db.$transaction(
    async (tx) => {
      const [n] = await tx.$queryRaw<
        { id: string; kind: string; round: number; title: string; body: string; link: string; email: string; name: string; status: string | null; interview_status: string; ics_sequence: number }[]
      >`
        SELECT n.id, n.kind, n.round, n.title, n.body, n.link, u.email, u.name, sc.status::text AS status, i.status::text AS interview_status, i.ics_sequence
          FROM notifications n
          JOIN users u ON u.id = n.user_id
          JOIN interviews i ON i.id = n.interview_id
          LEFT JOIN scorecards sc ON sc.panelist_id = n.panelist_id
         WHERE n.id = ${notificationId} AND n.email_status = 'pending'
         FOR UPDATE OF n SKIP LOCKED`;
      if (!n) return "skipped";
      const stillDue = n.status !== "SUBMITTED" && (n.interview_status === "SCHEDULED" || n.interview_status === "IN_PROGRESS") && n.ics_sequence === n.round;
      if (!stillDue) {
        log("feedback").info({ notificationId, kind: n.kind }, "reminder dropped: no longer due");
        await tx.notification.update({ where: { id: n.id }, data: { emailStatus: "dropped" } });
        return "dropped";
      }
      const subject = n.kind === "scorecard.escalation" ? `Overdue scorecard: ${n.title}` : `Reminder: ${n.title}`;
      const link = new URL(n.link, env().PUBLIC_URL).toString();
      await sendMail({
        to: n.email,
        subject,
        text: `Hi ${n.name},\n\n${n.body}\n\nOpen it here: ${link}\n\nYou can mute these reminders on the Notifications page.\n— Panelist\n`,
        html:
          `<p>Hi ${escapeHtml(n.name)},</p><p>${escapeHtml(n.body)}</p>` +
          `<p><a href="${escapeHtml(link)}">${n.kind === "scorecard.escalation" ? "See the scorecards due" : "Open the interview room"}</a></p>` +
          `<p style="color:#555">You can mute these reminders on the Notifications page.</p>`,
      });
      await tx.notification.update({ where: { id: n.id }, data: { emailStatus: "sent", emailedAt: now } });
      return "sent";
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** This instance's part: the sweep on a one-minute schedule, and mail workers. */
export async function startFeedbackJobs(opts: { pollingIntervalSeconds?: number; cron?: string } = {}): Promise<void> {
  const boss = await getJobs(SWEEP_QUEUE);
  await getJobs(MAIL_QUEUE, MAIL_QUEUE_OPTIONS);
  await boss.schedule(SWEEP_QUEUE, opts.cron ?? "* * * * *", {}, { singletonKey: "sweep" });
  noteWorker(await boss.work(SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 5 }, async () => void (await sweepReminders())));
  noteWorker(
    await workDraining<{ notificationId: string }>(boss, MAIL_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async ([job]) => {
      if (job) await deliverReminderMail(job.data.notificationId);
    }),
  );
}
