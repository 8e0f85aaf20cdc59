import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
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
