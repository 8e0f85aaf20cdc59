import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative to `text`; mail clients show one of the two. */
  html?: string;
  /**
   * An iTIP calendar object (lib/interviews/build-ics.ts): attached as a `.ics` file and also
   * offered as a text/calendar alternative, which is what makes calendar-aware clients show an
   * invitation (accept/decline) or remove a cancelled event.
   */
  calendar?: { method: "REQUEST" | "CANCEL"; filename: string; content: string };
}

/** Whether mail can be sent at all (SMTP_URL is set). */
export function mailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

/**
 * Sends mail through SMTP_URL when one is configured. Returns false when no transport is
 * configured, so callers can show the link to copy instead.
 */
export async function sendMail(message: MailMessage): Promise<boolean> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return false;
  const { calendar, ...rest } = message;
  await transportFor(SMTP_URL).sendMail({ from: MAIL_FROM, ...rest, ...(calendar ? calendarParts(calendar) : {}) });
  return true;
}

function calendarParts(calendar: NonNullable<MailMessage["calendar"]>) {
  const contentType = `text/calendar; method=${calendar.method}; charset=UTF-8`;
  return {
    alternatives: [{ contentType, content: calendar.content }],
    attachments: [{ filename: calendar.filename, contentType, content: calendar.content }],
  };
}

let cached: { url: string; transport: nodemailer.Transporter } | undefined;

/**
 * One pooled SMTP connection set per process (reused between mails, as a reminder run sends
 * many): a new connection per mail cost about 150 ms each (`npm run bench -- feedback`).
 */
function transportFor(url: string): nodemailer.Transporter {
  if (cached?.url !== url) {
    cached?.transport.close();
    // nodemailer reads transport options from the URL's query: a pool, unless the URL says otherwise.
    const pooled = /[?&]pool=/.test(url) ? url : `${url}${url.includes("?") ? "&" : "?"}pool=true`;
    cached = { url, transport: nodemailer.createTransport(pooled) };
  }
  return cached.transport;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to place in HTML, attribute values included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Closes the pooled SMTP connections (tests, before stopping their mail server). */
export function closeMailTransport(): void {
  cached?.transport.close();
  cached = undefined;
}
