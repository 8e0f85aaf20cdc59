// The signature a receiver checks (README: "Webhooks" → verifying). No "server-only": the docs'
// snippet test and the bench sign with it too.
import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "Panelist-Signature";
export const EVENT_ID_HEADER = "Panelist-Event-Id";
export const EVENT_TYPE_HEADER = "Panelist-Event-Type";
/** Receivers should refuse a signature whose timestamp is further than this from their clock. */
export const REPLAY_WINDOW_SECONDS = 300;

/** A new endpoint secret: "whsec_" and 32 random bytes, base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with the whole secret string. */
export function signWebhookBody(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}
