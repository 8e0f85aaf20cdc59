import { createEvents, type EventAttributes } from "ics";
import { formatRangeInZone } from "./time-zones";

/**
 * Builds an RFC 5545 calendar invite (iTIP METHOD REQUEST, or CANCEL for a cancelled
 * interview) with the `ics` library. Pure: the caller loads and authorizes the data.
 *
 * Times are written in UTC (`DTSTART:…Z`), which every calendar converts to its owner's zone;
 * the organizer's zone is named in the description so nobody has to guess what was meant.
 * UID never changes for an interview, and SEQUENCE is the interview's icsSequence, so a
 * reschedule or cancellation replaces the earlier invite instead of adding a new event.
 */

export interface InviteData {
  uid: string;
  sequence: number;
  cancelled: boolean;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  candidateName: string;
  kitName: string;
  meetingUrl: string | null;
  /** Link back to the interview in Panelist. */
  interviewUrl: string;
  organizer: { name: string; email: string };
  panel: { name: string; email: string; isLead: boolean }[];
}

export const ICS_PRODUCT_ID = "-//Panelist//Interviews//EN";

export function buildInterviewIcs(data: InviteData): string {
  const end = new Date(data.startsAt.getTime() + data.durationMinutes * 60_000);
  const lead = data.panel.find((p) => p.isLead);
  const description = [
    `When: ${formatRangeInZone(data.startsAt, end, data.timeZone)}`,
    `Candidate: ${data.candidateName}`,
    `Kit: ${data.kitName}`,
    lead ? `Lead: ${lead.name}` : null,
    `Panel: ${data.panel.map((p) => p.name).join(", ")}`,
    data.meetingUrl ? `Join: ${data.meetingUrl}` : null,
    `Open in Panelist: ${data.interviewUrl}`,
    data.cancelled ? "This interview was cancelled." : null,
  ]
    .filter(Boolean)
    .join("\n");

  const event: EventAttributes = {
    uid: data.uid,
    sequence: data.sequence,
    start: data.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: end.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: data.cancelled ? `Cancelled: ${data.title}` : data.title,
    description,
    url: data.interviewUrl,
    ...(data.meetingUrl ? { location: data.meetingUrl } : {}),
    status: data.cancelled ? "CANCELLED" : "CONFIRMED",
    busyStatus: data.cancelled ? "FREE" : "BUSY",
    organizer: { name: data.organizer.name, email: data.organizer.email },
    attendees: data.panel.map((p) => ({
      name: p.name,
      email: p.email,
      rsvp: !data.cancelled,
      partstat: "NEEDS-ACTION" as const,
      role: p.isLead ? ("CHAIR" as const) : ("REQ-PARTICIPANT" as const),
    })),
  };
  const { error, value } = createEvents([event], { productId: ICS_PRODUCT_ID, method: data.cancelled ? "CANCEL" : "REQUEST" });
  if (error || !value) throw error ?? new Error("Could not build the calendar invite.");
  return refoldIcs(value);
}

/** RFC 5545 §3.1: content lines longer than this many octets are folded. */
export const ICS_LINE_OCTETS = 75;

/**
 * Unfolds the `ics` library's output (it folds at 75 characters, so a line with accented or
 * CJK letters comes out longer than 75 octets) and folds it again at 75 octets of UTF-8, never
 * inside a character: continuation lines start with one space, which counts toward the limit.
 */
export function refoldIcs(text: string): string {
  const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n");
  const out: string[] = [];
  const encoder = new TextEncoder();
  for (const line of lines) {
    let current = "";
    let octets = 0;
    for (const ch of line) {
      const size = encoder.encode(ch).length;
      if (octets + size > ICS_LINE_OCTETS) {
        out.push(current);
        current = " ";
        octets = 1;
      }
      current += ch;
      octets += size;
    }
    out.push(current);
  }
  return out.join("\r\n");
}
