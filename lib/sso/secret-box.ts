import "server-only";
// Secrets the app must use again later (an identity provider's client secret) are stored
// encrypted: AES-256-GCM under a key derived from AUTH_SECRET with HKDF, a fresh 96-bit nonce per
// value, and what the value is for bound in as associated data — a copied ciphertext opens only
// in the row it was written for. A leaked backup without AUTH_SECRET gives nothing; rotating
// AUTH_SECRET means entering the secret again (opening then fails, and sign-in says so).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

const VERSION = "v1";

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "panelist", "panelist secret box v1", 32));
}

/** Encrypts `plain` for the place named by `context` (e.g. "sso:<organizationId>"). */
export function sealSecret(plain: string, context: string, secret = env().AUTH_SECRET): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** Opens what sealSecret wrote for the same context; null when it was tampered with, moved, or sealed under another AUTH_SECRET. */
export function openSecret(sealed: string, context: string, secret = env().AUTH_SECRET): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== VERSION || !iv || body === undefined || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
