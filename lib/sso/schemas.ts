// Single sign-on (OpenID Connect) settings and the "Sign in with SSO" start: shared by the
// settings form, the sign-in form and the routes. No server imports.
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

/** Roles a first SSO sign-in may get; owners are made by owners only. */
export const SSO_DEFAULT_ROLES = ROLES.filter((r) => r !== "OWNER");
export const MAX_SSO_DOMAINS = 20;

/** Mail services whose addresses belong to everyone: routing them to one organization's SSO would capture strangers. */
const SHARED_MAIL_DOMAINS = new Set(["gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "mail.com"]);

const DOMAIN_RE = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

export const ssoDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ""))
  .refine((d) => DOMAIN_RE.test(d), "Enter a domain such as example.com.")
  .refine((d) => !SHARED_MAIL_DOMAINS.has(d), "A shared mail service's domain cannot route to one organization.");

/** The issuer: an http(s) URL without query or fragment (https is required in production, lib/sso/discovery.ts). */
export const ssoIssuerSchema = z
  .string()
  .trim()
  .max(500, "Use at most 500 characters.")
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.search && !u.hash && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "Enter the issuer's URL, such as https://login.example.com.");

export const ssoConfigInputSchema = z
  .object({
    issuer: ssoIssuerSchema,
    clientId: z.string().trim().min(1, "Enter the client ID.").max(300, "Use at most 300 characters."),
    /** Empty or omitted: keep the saved secret (the browser never receives it). */
    clientSecret: z.string().max(1000, "Use at most 1,000 characters.").optional(),
    domains: z
      .preprocess(
        (v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
        z.array(ssoDomainSchema).min(1, "Enter at least one email domain.").max(MAX_SSO_DOMAINS, `Use at most ${MAX_SSO_DOMAINS} domains.`),
      )
      .refine((d) => new Set(d).size === d.length, "Each domain once."),
    defaultRole: z.enum(SSO_DEFAULT_ROLES as [string, ...string[]], { error: "Choose the role new members get." }),
    ssoRequired: z.boolean(),
  })
  .strict();
export type SsoConfigInput = z.infer<typeof ssoConfigInputSchema>;

/** "Verify": check one claimed domain's DNS TXT record. */
export const ssoDomainVerifySchema = z.object({ domain: ssoDomainSchema }).strict();
export type SsoDomainVerifyInput = z.infer<typeof ssoDomainVerifySchema>;

/** The DNS TXT record that proves an organization controls a domain: its name and exact value. */
export function ssoDomainChallenge(domain: string, token: string): { recordName: string; recordValue: string } {
  return { recordName: `_panelist-challenge.${domain}`, recordValue: `panelist-verification=${token}` };
}

export const ssoTestSchema = z.object({ issuer: ssoIssuerSchema }).strict();
export type SsoTestInput = z.infer<typeof ssoTestSchema>;

export const ssoStartSchema = z.object({ email: z.string().trim().toLowerCase().max(320).email("Enter your work email.") }).strict();
export type SsoStartInput = z.infer<typeof ssoStartSchema>;

/** What the settings page is given: never the secret. */
export interface SsoSettings {
  configured: boolean;
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
  domains: string[];
  /** Each domain's proof of ownership: only verified domains route "Sign in with SSO" and admit sign-ins. */
  domainStatus: SsoDomainStatus[];
  defaultRole: string;
  ssoRequired: boolean;
  /** The redirect URI to register with the identity provider. */
  callbackUrl: string;
}

/** Failed daily re-checks in a row that withdraw a domain's verification (lib/sso/recheck-sso-domains.ts). */
export const SSO_RECHECK_FAILURES = 3;

export interface SsoDomainStatus {
  domain: string;
  /** ISO time of the successful DNS check, or null while unverified. */
  verifiedAt: string | null;
  /** Daily re-checks in a row that found the record gone (lib/sso/recheck-sso-domains.ts); at SSO_RECHECK_FAILURES the verification is withdrawn. */
  failedChecks: number;
  /** The TXT record to create: `_panelist-challenge.<domain>` = `panelist-verification=<token>`. */
  recordName: string;
  recordValue: string;
}

export interface SsoDiscoverySummary {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** The key set the ID tokens are checked against. */
  jwksUri: string;
  signingAlgorithms: string[];
}

/** The ID token's claims SSO reads, as next-auth hands them over (checked by openid-client, typed by nobody). */
export interface SsoClaims {
  sub?: unknown;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

/** next-auth's provider id for an organization's identity provider. */
export const ssoProviderId = (organizationId: string) => `sso-${organizationId}`;
const PROVIDER_ID_RE = /^sso-([A-Za-z0-9_-]{1,64})$/;
/** The organization a provider id names, or null when it is not an SSO provider id. */
export function organizationOfSsoProvider(providerId: string | undefined): string | null {
  return providerId ? (PROVIDER_ID_RE.exec(providerId)?.[1] ?? null) : null;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}
