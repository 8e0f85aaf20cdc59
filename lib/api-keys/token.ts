// API key tokens: `pnl_<prefix>_<secret>`. The prefix (12 of [a-z0-9]) is shown in lists and
// tells keys apart; the secret (43 of [A-Za-z0-9], ~256 bits) is what makes the token unguessable.
// Only sha256(token) is stored (api_keys.token_hash), and a request finds its key by that hash.
// A fixed shape lets secret scanners and people recognize a leaked token, and lets a malformed
// header be refused before any lookup.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "pnl_";
export const KEY_PREFIX_LENGTH = 12;
export const KEY_SECRET_LENGTH = 43;
const LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
const MIXED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const TOKEN_RE = /^pnl_([a-z0-9]{12})_([A-Za-z0-9]{43})$/;

/** Uniform characters from `alphabet` (rejection sampling: no modulo bias). */
function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

export interface NewToken {
  token: string;
  prefix: string;
  hash: string;
}

export function generateApiToken(): NewToken {
  const prefix = randomString(LOWER, KEY_PREFIX_LENGTH);
  const token = `${TOKEN_PREFIX}${prefix}_${randomString(MIXED, KEY_SECRET_LENGTH)}`;
  return { token, prefix, hash: hashApiToken(token) };
}

export const hashApiToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** The token's parts when it has the shape of one, else null. */
export function parseApiToken(token: string): { prefix: string; secret: string } | null {
  const m = TOKEN_RE.exec(token);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

export type BearerResult = { kind: "missing" } | { kind: "malformed"; reason: string } | { kind: "token"; token: string; prefix: string };

/**
 * Reads an Authorization header: `Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1).
 * Missing, another scheme, or not a Panelist token are told apart so the 401 can say which.
 */
export function readBearer(header: string | null | undefined): BearerResult {
  if (header === null || header === undefined || header.trim() === "") return { kind: "missing" };
  const m = /^[ \t]*([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]+(\S+)[ \t]*$/.exec(header);
  if (!m) return { kind: "malformed", reason: "The Authorization header must be “Bearer <API key>”." };
  if (m[1]!.toLowerCase() !== "bearer") return { kind: "malformed", reason: `The Authorization header uses the “${m[1]!.slice(0, 20)}” scheme; send “Bearer <API key>”.` };
  const parsed = parseApiToken(m[2]!);
  if (!parsed) return { kind: "malformed", reason: "That is not a Panelist API key (they look like pnl_xxxxxxxxxxxx_…)." };
  return { kind: "token", token: m[2]!, prefix: parsed.prefix };
}
