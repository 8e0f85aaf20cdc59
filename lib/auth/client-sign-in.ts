// Browser-side credential sign-in against next-auth's endpoints. next-auth's own signIn()
// cannot surface our 429 (it expects a redirect URL), so this speaks the same protocol.
import { MAX_PASSWORD_LENGTH } from "./schemas";
import { INVALID_CREDENTIALS_MESSAGE, MAX_PASSWORD_LENGTH_MESSAGE, signInErrorMessage } from "./sign-in-messages";

export type SignInResult = { ok: true } | { ok: false; message: string; status: number };

/** Signs in through next-auth's credentials endpoint; an over-long password is refused before anything is sent. */
export async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, status: 400, message: MAX_PASSWORD_LENGTH_MESSAGE };
  try {
    const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true" }),
    });
    const data = (await res.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
    // Panelist's own JSON errors (the limits' 429, a 400, the request guard's 403/413) carry a
    // message written for people (lib/errors.ts); next-auth's answers carry only a code.
    if (!res.ok && data.error?.message) return { ok: false, status: res.status, message: data.error.message };
    const code = data.url ? new URL(data.url, window.location.origin).searchParams.get("error") : null;
    if (!res.ok || code) return { ok: false, status: res.ok ? 401 : res.status, message: code ? signInErrorMessage(code) : INVALID_CREDENTIALS_MESSAGE };
    return { ok: true };
  } catch {
    return { ok: false, status: 0, message: "Could not reach Panelist. Check your connection and try again." };
  }
}
