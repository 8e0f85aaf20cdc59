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
  /** Calibration for the whole organization: reliability and every interviewer's figures (lib/analytics). */
  "analytics.readAll": ["OWNER", "ADMIN", "RECRUITER"],
  /** One's own calibration page (everyone who scores); readAll roles see anyone's. */
  "analytics.readOwn": ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER"],
  /** Question analytics (item analysis) in the bank: those who write questions. */
  "analytics.questions": ["OWNER", "ADMIN", "RECRUITER"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Roles an inviter may hand out: only owners create owners. */
export function assignableRoles(role: string): RoleName[] {
  if (role === "OWNER") return [...ROLES];
  if (role === "ADMIN") return ["ADMIN", "RECRUITER", "INTERVIEWER", "REVIEWER"];
  return [];
}

export function can(role: string | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  const allowed = PERMISSIONS[permission] as readonly string[] | undefined;
  return Array.isArray(allowed) && allowed.includes(role);
}

export interface RoleHolder {
  role: string;
}

export function assertCan(actor: RoleHolder, permission: Permission, message?: string): void {
  if (!can(actor.role, permission)) throw forbidden(message);
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
