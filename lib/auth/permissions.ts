import type { GrantableScope } from "@/lib/api-keys/scopes";
import { AppError, forbidden } from "@/lib/errors";

export const ROLES = ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER", "REVIEWER"] as const;
export type RoleName = (typeof ROLES)[number];

/**
 * The single role → permission table. Every service asks it; nothing else decides.
 * Fail closed: a role missing from the table, or a permission missing from a role, is denied.
 */
export const PERMISSIONS = {
  "org.read": ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER", "REVIEWER"],
  "org.update": ["OWNER", "ADMIN"],
  "members.read": ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER", "REVIEWER"],
  "members.invite": ["OWNER", "ADMIN"],
  "members.manage": ["OWNER", "ADMIN"],
  /** A password reset link for a member; an owner's only by an owner (lib/auth/password-reset-link.ts). */
  "members.resetPassword": ["OWNER", "ADMIN"],
  "questions.read": ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER", "REVIEWER"],
  "questions.write": ["OWNER", "ADMIN", "RECRUITER"],
  /** The organization's search synonyms (Settings → Search); everyone with questions.read searches with them. */
  "search.synonyms.write": ["OWNER", "ADMIN", "RECRUITER"],
  "questions.readModelAnswer": ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER"],
  "kits.read": ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER", "REVIEWER"],
  "kits.write": ["OWNER", "ADMIN", "RECRUITER"],
  "candidates.read": ["OWNER", "ADMIN", "RECRUITER", "REVIEWER"],
  "candidates.write": ["OWNER", "ADMIN", "RECRUITER"],
  "candidates.erase": ["OWNER", "ADMIN"],
  "interviews.readAll": ["OWNER", "ADMIN", "RECRUITER"],
  /** Interviewers see only interviews they sit on; reviewers only completed ones. */
  "interviews.readOwn": ["INTERVIEWER"],
  "interviews.readCompleted": ["REVIEWER"],
  "interviews.schedule": ["OWNER", "ADMIN", "RECRUITER"],
  /** A kit's interviewer pool: members, stages, weekly limits, promotion requirements (lib/pools). Those who schedule read it. */
  "pools.manage": ["OWNER", "ADMIN", "RECRUITER"],
  /** Scoring additionally requires being a panelist of that interview. */
  "scoring.write": ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER"],
  "scoring.reopen": ["OWNER", "ADMIN"],
  /** The organization's view of open and overdue scorecards and time to feedback; everyone sees their own. */
  "feedback.readAll": ["OWNER", "ADMIN", "RECRUITER"],
  "reports.read": ["OWNER", "ADMIN", "RECRUITER", "REVIEWER"],
  /** The hiring decision after an interview (advance / hire / no hire / hold). */
  "decisions.record": ["OWNER", "ADMIN", "RECRUITER"],
  /**
   * Who is shown pseudonyms instead of candidates' names, emails and links when the
   * organization turns anonymized review on (lib/reports/report-access.ts: isAnonymizedFor).
   */
  "candidates.anonymizedInReview": ["REVIEWER"],
  "lab.run": ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER"],
  /** Cancel anyone's lab run; everyone else with lab.run cancels only the runs they started. */
  "lab.cancelAny": ["OWNER", "ADMIN"],
  "audit.read": ["OWNER", "ADMIN"],
  /** API keys for the public API (Settings → API; lib/api-keys): create, list, revoke. */
  "apiKeys.manage": ["OWNER", "ADMIN"],
  /** Single sign-on (lib/sso): the identity provider, its domains, "SSO required". Owners only: it decides who gets in. */
  "sso.manage": ["OWNER"],
  /** Calibration for the whole organization: reliability and every interviewer's figures (lib/analytics). */
  "analytics.readAll": ["OWNER", "ADMIN", "RECRUITER"],
  /** One's own calibration page (everyone who scores); readAll roles see anyone's. */
  "analytics.readOwn": ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER"],
  /** Question analytics (item analysis) in the bank: those who write questions. */
  "analytics.questions": ["OWNER", "ADMIN", "RECRUITER"],
  /** Webhook endpoints, their secrets and delivery log (lib/webhooks); these roles get the notice when one is disabled. */
  "webhooks.manage": ["OWNER", "ADMIN"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * The scope → permission table: what an API key may do (lib/api/v1/route.ts). A key has no role;
 * it acts as its organization with exactly the permissions its scopes list here, and `can` asks
 * this table instead of PERMISSIONS for it. Write implies read (`write` lists both). Every key
 * may read its organization (`GET /api/v1/me`). Fail closed: anything absent is denied.
 *
 * - questions:read includes model answers: a key is created by an owner or admin for a system
 *   (an ATS) that round-trips questions, not for a panelist who should not see them.
 * - candidates:write includes GDPR erase (owners and admins create keys, and they may erase).
 * - reports:read and scorecards:read read completed interviews (as a reviewer does) — the blind
 *   rule holds: a scorecard's scores show only once submitted, whoever reads.
 * - Anonymized review: a key without candidates:read gets `candidates.anonymizedInReview`, so
 *   it sees pseudonyms in reports when the organization turns the mode on; a key that can read
 *   candidates sees names (it could read them from /candidates anyway). See keyPermissions.
 */
export const SCOPE_PERMISSIONS = {
  "questions:read": ["questions.read", "questions.readModelAnswer"],
  "questions:write": ["questions.read", "questions.readModelAnswer", "questions.write"],
  "kits:read": ["kits.read"],
  "kits:write": ["kits.read", "kits.write"],
  "candidates:read": ["candidates.read"],
  "candidates:write": ["candidates.read", "candidates.write", "candidates.erase"],
  "interviews:read": ["interviews.readAll"],
  "interviews:write": ["interviews.readAll", "interviews.schedule"],
  "scorecards:read": ["feedback.readAll", "interviews.readCompleted"],
  "reports:read": ["reports.read", "interviews.readCompleted"],
} as const satisfies Record<GrantableScope, readonly Permission[]>;

/** Granted to every key, whatever its scopes. */
const EVERY_KEY: readonly Permission[] = ["org.read"];

/** The permissions a key with these scopes holds (unknown scopes grant nothing). */
export function keyPermissions(scopes: readonly string[]): Set<Permission> {
  const out = new Set<Permission>(EVERY_KEY);
  for (const scope of scopes) {
    const granted = (SCOPE_PERMISSIONS as Record<string, readonly Permission[] | undefined>)[scope];
    for (const p of granted ?? []) out.add(p);
  }
  if (!out.has("candidates.read") && (out.has("reports.read") || out.has("feedback.readAll"))) out.add("candidates.anonymizedInReview");
  return out;
}

/** Roles an inviter may hand out: only owners create owners. */
export function assignableRoles(role: string): RoleName[] {
  if (role === "OWNER") return [...ROLES];
  if (role === "ADMIN") return ["ADMIN", "RECRUITER", "INTERVIEWER", "REVIEWER"];
  return [];
}

export interface RoleHolder {
  role: string;
  /** Set on an actor that is an API key: its scopes decide, not its role (SCOPE_PERMISSIONS). */
  apiKey?: { scopes: readonly string[] } | null;
}

/**
 * Whether a role — or an actor, which may be an API key — holds a permission. Pass the actor
 * wherever you have one: a key's actor is judged by its scopes, never by its role.
 */
export function can(subject: string | RoleHolder | null | undefined, permission: Permission): boolean {
  if (!subject) return false;
  if (typeof subject === "object") {
    if (subject.apiKey) return keyPermissions(subject.apiKey.scopes).has(permission);
    subject = subject.role;
  }
  const allowed = PERMISSIONS[permission] as readonly string[] | undefined;
  return Array.isArray(allowed) && allowed.includes(subject);
}

export function assertCan(actor: RoleHolder, permission: Permission, message?: string): void {
  if (!can(actor, permission)) throw forbidden(message);
}

export const ROLE_LABELS: Record<RoleName, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  RECRUITER: "Recruiter",
  INTERVIEWER: "Interviewer",
  REVIEWER: "Reviewer",
};

export function isRole(value: string): value is RoleName {
  return (ROLES as readonly string[]).includes(value);
}

export function assertRole(value: string): RoleName {
  if (!isRole(value)) throw new AppError("VALIDATION", `Unknown role “${value}”.`);
  return value;
}
