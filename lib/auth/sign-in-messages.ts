// What the sign-in page and form say. `?error=` on the sign-in page is a code from a fixed
// list (next-auth's, plus ours); the page shows that code's fixed message and never the text
// it was given, so a link cannot put words on Panelist's sign-in page. Shared by server and
// browser: no server imports.
import { MAX_PASSWORD_LENGTH } from "./schemas";

export const INVALID_CREDENTIALS_MESSAGE = "That email and password do not match an active account.";

export const MAX_PASSWORD_LENGTH_MESSAGE = `Passwords are at most ${MAX_PASSWORD_LENGTH.toLocaleString("en-US")} characters.`;

/** What a request without a valid session is told, wherever it is refused. */
export const SESSION_REQUIRED_MESSAGE = "Please sign in to continue.";

const GENERIC = "Sign-in did not work. Please try again.";

const MESSAGES: Readonly<Record<string, string>> = {
  CredentialsSignin: INVALID_CREDENTIALS_MESSAGE,
  SessionRequired: SESSION_REQUIRED_MESSAGE,
  AccessDenied: "That account cannot sign in here.",
  // Single sign-on (lib/sso): next-auth's codes when the provider or the token check fails, and ours.
  OAuthSignin: "Could not reach your organization's identity provider. Try again, or ask your administrator.",
  OAuthCallback: "Single sign-on did not complete. Start again from “Sign in with SSO”.",
  OAuthAccountNotLinked: "Single sign-on did not complete. Start again from “Sign in with SSO”.",
  SsoEmailUnverified: "Your identity provider did not confirm your email address, so Panelist cannot sign you in with it.",
  SsoDomain: "Your identity provider signed you in with an email outside your organization's verified single sign-on domains.",
  SsoNotMember:
    "An account with your email already exists and is not a member of this organization, so single sign-on cannot sign you in to it. Sign in with your password, or ask an owner to invite you.",
  SsoOtherOrganizations: "Your account belongs to more than one organization: sign in with your password.",
  SsoDeactivated: "That account cannot sign in here.",
  SsoNotConfigured: "Single sign-on is not set up for your organization any more. Sign in with your password.",
};

/** The fixed message for a sign-in error code; any other value gets a generic message. */
export function signInErrorMessage(code: string): string {
  return Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : GENERIC;
}

/** For `?error=` as the page receives it (absent, one value or several): a message, or undefined. */
export function signInErrorFromQuery(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return signInErrorMessage(Array.isArray(value) ? (value[0] ?? "") : value);
}
