import { z } from "zod";
import { API_SCOPES, type GrantableScope, isGrantableScope, READ_ONLY_AREAS, AREA_LABELS } from "./scopes";

export const API_KEY_NAME_MAX = 100;
export const API_KEY_EXPIRY_DAYS = { min: 1, max: 730 } as const;

const expiryMessage = `A key expires ${API_KEY_EXPIRY_DAYS.min} to ${API_KEY_EXPIRY_DAYS.max} days after it is created, or never.`;

/**
 * Scopes as sent: known ones only (an unknown one is a 400 naming it and listing those that
 * exist), at least one, returned once each in API_SCOPES order.
 */
export const apiKeyScopesSchema = z
  .array(z.string().max(100, "A scope is a short word such as interviews:read."), { error: "Choose the key's scopes." })
  .max(API_SCOPES.length * 4, "Too many scopes.")
  .superRefine((scopes, ctx) => {
    const unknown = [...new Set(scopes.filter((s) => !isGrantableScope(s)))];
    if (unknown.length > 0) {
      const readOnly = unknown.some((s) => READ_ONLY_AREAS.some((a) => s === `${a}:write`));
      const hint = readOnly ? ` ${READ_ONLY_AREAS.map((a) => AREA_LABELS[a]).join(" and ")} are read-only through the API.` : "";
      ctx.addIssue({ code: "custom", message: `Unknown scope${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}. Use ${API_SCOPES.join(", ")}.${hint}` });
    } else if (scopes.length === 0) ctx.addIssue({ code: "custom", message: "Choose at least one scope." });
  })
  .transform((scopes): GrantableScope[] => API_SCOPES.filter((s) => scopes.includes(s)));

export const createApiKeySchema = z.object({
  name: z.string({ error: "Name the key." }).trim().min(1, "Name the key, e.g. after the system that will use it.").max(API_KEY_NAME_MAX, `Use at most ${API_KEY_NAME_MAX} characters.`),
  scopes: apiKeyScopesSchema,
  /** Absent or null: the key never expires. */
  expiresInDays: z.number({ error: expiryMessage }).int(expiryMessage).min(API_KEY_EXPIRY_DAYS.min, expiryMessage).max(API_KEY_EXPIRY_DAYS.max, expiryMessage).nullable().optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

/** A key as lists show it: never its token or hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: GrantableScope[];
  createdAt: string;
  createdBy: string | null;
  /** Its creator is no longer an owner or admin here (removed, deactivated or another role): they have seen the key. */
  creatorLeft: boolean;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  /** live, expired or revoked, as of the list's reading. */
  state: "live" | "expired" | "revoked";
}
