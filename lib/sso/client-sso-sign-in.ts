// Browser side of "Sign in with SSO": asks which organization's identity provider the email's
// domain uses (POST /api/auth/sso), then starts next-auth's sign-in for that provider — the same
// POST next-auth's own signIn() makes, which this cannot call: the per-organization provider is
// not in next-auth's provider list (lib/auth/request-options.ts adds it only to sign-in and
// callback requests). Returns the provider's URL to send the browser to.
import { SSO_START_FAILED } from "./sso-messages";

export type SsoStartResult = { ok: true; url: string } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

export async function startSsoSignIn(email: string, callbackUrl: string): Promise<SsoStartResult> {
  try {
    const start = await fetch("/api/auth/sso", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email }) });
    const found = (await start.json().catch(() => ({}))) as { providerId?: string; error?: { message?: string; fieldErrors?: Record<string, string[]> } };
    if (!start.ok || !found.providerId) return { ok: false, message: found.error?.message ?? SSO_START_FAILED, fieldErrors: found.error?.fieldErrors };
    const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await fetch(`/api/auth/signin/${encodeURIComponent(found.providerId)}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl, json: "true" }),
    });
    const data = (await res.json().catch(() => ({}))) as { url?: string };
    // next-auth answers a provider it cannot reach with its sign-in page and ?error=…
    if (!res.ok || !data.url || new URL(data.url, window.location.origin).searchParams.has("error")) return { ok: false, message: SSO_START_FAILED };
    return { ok: true, url: data.url };
  } catch {
    return { ok: false, message: "Could not reach Panelist. Check your connection and try again." };
  }
}
