import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/client";
import { currentApiKey } from "@/lib/api-keys/api-key-context";

/**
 * Every action the audit log records. A closed list, so a typo is a compile error rather than
 * an event nobody can find, and a reader of the log knows every word it can contain.
 */
export const AUDIT_ACTIONS = [
  "organization.created",
  "organization.settings_changed",
  "organization.anonymized_review_changed",
  /** A search synonym group was added, changed or removed (Settings → Search). */
  "search.synonyms_changed",
  "member.invited",
  "member.invite_revoked",
  "member.joined",
  "member.role_changed",
  "member.removed",
  /** An owner or admin produced a password reset link for a member (Settings → Members). */
  "member.password_reset_link_created",
  /** The user ended every session of theirs, this one included. */
  "user.signed_out_everywhere",
  /** The user changed their password (current + new); their other sessions ended. */
  "user.password_changed",
  /** The password was set through a reset link; every session ended. */
  "user.password_reset",
  "candidate.created",
  "candidate.updated",
  "candidate.exported",
  "candidate.erased",
  "question.created",
  "question.version_created",
  "question.status_changed",
  "question.archived",
  "question.restored",
  "question.deleted",
  "questions.imported",
  "kit.created",
  "kit.updated",
  "kit.duplicated",
  "kit.item_upgraded",
  "kit.archived",
  "kit.restored",
  "interview.scheduled",
  "interview.rescheduled",
  "interview.cancelled",
  "interview.no_show",
  "interview.started",
  "interview.decision_recorded",
  "scorecard.reopened",
  /** A kit's interviewer pool (lib/pools): data carries the kit, the member and the values before. */
  "pool.member_added",
  "pool.member_updated",
  "pool.member_removed",
  "pool.requirements_changed",
  /** A webhook endpoint (lib/webhooks): data carries the URL and events, and the values before on a change. */
  "webhook.endpoint_created",
  "webhook.endpoint_updated",
  "webhook.endpoint_deleted",
  "webhook.secret_rotated",
  "webhook.endpoint_enabled",
  /** Disabled by the delivery worker after repeated failure (no actor). */
  "webhook.endpoint_disabled",
  /** Settings → Single sign-on saved (lib/sso): data carries the values before and after, never the secret. */
  "sso.configured",
  "sso.removed",
  /** An SSO email domain proven by its DNS TXT record (lib/sso/verify-sso-domain.ts); data: the domain and the record's name. */
  "sso.domain_verified",
  /** This organization's unverified claim of a domain went because another organization verified it (no actor). */
  "sso.domain_released",
  /** A verified domain's record was gone on SSO_RECHECK_FAILURES daily checks in a row, so its verification was withdrawn (lib/sso/recheck-sso-domains.ts; no actor). */
  "sso.domain_unverified",
  /** A sign-in through the organization's identity provider (a first one also records member.joined). */
  "user.signed_in_with_sso",
  /** An API key was created or revoked (Settings → API; lib/api-keys): data carries its name, prefix and scopes. */
  "api_key.created",
  "api_key.revoked",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  organizationId: string;
  actorId: string | null;
  action: AuditAction;
  targetType: string;
  targetId?: string | null;
  data?: Prisma.InputJsonValue;
}

/**
 * Appends an audit row inside the caller's transaction, so the event and the change commit
 * together. A change made through the public API (lib/api/v1/route.ts) adds `viaApiKey` to the
 * data; its actor is then the key's creator.
 */
export async function recordAuditEvent(tx: Tx, input: AuditInput): Promise<void> {
  const key = currentApiKey();
  const data = key ? { ...(isPlainObject(input.data) ? input.data : input.data === undefined ? {} : { value: input.data }), viaApiKey: { ...key } } : input.data;
  await tx.auditEvent.create({
    data: {
      organizationId: input.organizationId,
      actorId: input.actorId,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      data: data ?? {},
    },
  });
}

function isPlainObject(value: unknown): value is Record<string, Prisma.InputJsonValue> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
