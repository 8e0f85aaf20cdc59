// Browser-side credential sign-in against next-auth's endpoints. next-auth's own signIn()
// cannot surface our 429 (it expects a redirect URL), so this speaks the same protocol.
export type SignInResult = { ok: true } | { ok: false; message: string; status: number };

const GENERIC = "That email and password do not match an active account.";

export async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  try {
    const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true" }),
    });
    const data = (await res.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
    if (!res.ok) return { ok: false, status: res.status, message: data.error?.message ?? GENERIC };
    const error = data.url ? new URL(data.url, window.location.origin).searchParams.get("error") : null;
    if (error) return { ok: false, status: 401, message: error === "CredentialsSignin" ? GENERIC : error };
    return { ok: true };
  } catch {
    return { ok: false, status: 0, message: "Could not reach Panelist. Check your connection and try again." };
  }
}

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeCallbackUrl(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//")) return "/";
  return raw;
}
