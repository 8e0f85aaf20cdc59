import "server-only";
import { anonymousInviteFields } from "@/lib/candidates/anonymize";
import { escapeHtml } from "@/lib/mail/send-mail";
import { buildInterviewIcs } from "./build-ics";
import { addMinutes, formatRangeInZone, zonedTime } from "./time-zones";

/**
 * The mail a panelist gets when an interview is scheduled, changed or cancelled: subject,
 * plain text, HTML and the `.ics` (build-ics.ts: METHOD:REQUEST with the interview's UID and
 * this round's SEQUENCE, or METHOD:CANCEL). Pure: the job (invitation-jobs.ts) loads the
 * interview as it is when the mail goes and decides the kind and whether the recipient sees
 * candidates anonymized; this only words it.
 *
 * Times are the recipient's own: the subject and body in their zone (the organizer's zone is
 * named in the invite's description, as in the downloadable invite). An anonymized recipient
 * gets the pseudonym in the title, body and invite and no meeting link, exactly like
 * get-interview-invite.ts — the title is free text that usually names the candidate.
 */

export type InvitationKind = "invitation" | "update" | "cancellation";

export interface InvitationMessageInput {
  kind: InvitationKind;
  /** For a cancellation: the recipient left the panel (the interview itself goes on). */
  removedFromPanel: boolean;
  /** The invite's SEQUENCE: the round the mail belongs to. */
  sequence: number;
  anonymized: boolean;
  /** The app's public URL (links in the mail and the invite are absolute). */
  publicUrl: string;
  recipient: { name: string; email: string; timeZone: string };
  interview: {
    id: string;
    icsUid: string;
    title: string;
    startsAt: Date;
    durationMinutes: number;
    timeZone: string;
    kitName: string;
    meetingUrl: string | null;
    candidate: { id: string; name: string };
  };
  organizer: { name: string; email: string };
  panel: { name: string; email: string; isLead: boolean }[];
}

export interface InvitationMessage {
  subject: string;
  text: string;
  html: string;
  ics: { method: "REQUEST" | "CANCEL"; filename: string; content: string };
}

const SUBJECT_PREFIX: Record<InvitationKind, string> = { invitation: "Interview", update: "Updated", cancellation: "Cancelled" };

export function buildInvitationMessage(input: InvitationMessageInput): InvitationMessage {
  const { interview: i, recipient } = input;
  const shown = {
    title: i.title,
    candidateName: i.candidate.name,
    meetingUrl: i.meetingUrl,
    ...(input.anonymized ? anonymousInviteFields(i.candidate.id, i.kitName) : {}),
  };
  const base = input.publicUrl.replace(/\/$/, "");
  const interviewUrl = `${base}/interviews/${i.id}`;
  const roomUrl = `${interviewUrl}/room`;
  const cancelled = input.kind === "cancellation";
  const start = zonedTime(i.startsAt, recipient.timeZone);
  const when = formatRangeInZone(i.startsAt, addMinutes(i.startsAt, i.durationMinutes), recipient.timeZone);
  const subject = `${SUBJECT_PREFIX[input.kind]}: ${shown.title} — ${start.date}, ${start.time} ${start.abbreviation}`;

  const lead = input.panel.find((p) => p.isLead);
  const intro =
    input.kind === "invitation"
      ? `You are on the panel for “${shown.title}”${lead?.email === recipient.email ? ", as its lead" : ""}.`
      : input.kind === "update"
        ? `The interview “${shown.title}” was changed. The attached invite updates it in your calendar.`
        : input.removedFromPanel
          ? `You are no longer on the panel for “${shown.title}”. The attached cancellation removes it from your calendar.`
          : `The interview “${shown.title}” was cancelled. The attached cancellation removes it from your calendar.`;
  const details: [string, string][] = cancelled
    ? [["When", when]]
    : [
        ["When", when],
        ["Candidate", shown.candidateName],
        ["Kit", i.kitName],
        ["Panel", input.panel.map((p) => (p.isLead ? `${p.name} (lead)` : p.name)).join(", ")],
        ...(shown.meetingUrl ? ([["Join", shown.meetingUrl]] as [string, string][]) : []),
      ];

  const text =
    `Hi ${recipient.name},\n\n${intro}\n\n` +
    details.map(([k, v]) => `${k}: ${v}`).join("\n") +
    (cancelled ? "" : `\n\nOpen the interview room: ${roomUrl}\n\nThe calendar invite is attached.`) +
    "\n— Panelist\n";
  const html =
    `<p>Hi ${escapeHtml(recipient.name)},</p><p>${escapeHtml(intro)}</p>` +
    `<table>${details.map(([k, v]) => `<tr><th align="left" style="padding-right:12px">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>` +
    (cancelled ? "" : `<p><a href="${escapeHtml(roomUrl)}">Open the interview room</a></p><p style="color:#555">The calendar invite is attached.</p>`);

  const method = cancelled ? "CANCEL" : "REQUEST";
  const content = buildInterviewIcs({
    uid: i.icsUid,
    sequence: input.sequence,
    cancelled,
    title: shown.title,
    startsAt: i.startsAt,
    durationMinutes: i.durationMinutes,
    timeZone: i.timeZone,
    candidateName: shown.candidateName,
    kitName: i.kitName,
    meetingUrl: shown.meetingUrl,
    interviewUrl,
    organizer: input.organizer,
    panel: input.panel,
  });
  return {
    subject,
    text,
    html,
    ics: { method, filename: `interview-${i.id}${cancelled ? "-cancelled" : ""}.ics`, content },
  };
}
