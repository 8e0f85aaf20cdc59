import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative to `text`; mail clients show one of the two. */
  html?: string;
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
  const transport = nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: MAIL_FROM, ...message });
  return true;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to place in HTML, attribute values included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
