// The scopes an API key can hold: read or write per area of the public API (/api/v1). Pure (no
// server imports): the settings form, the permission table and the route wrapper all read it.
// What each scope allows is SCOPE_PERMISSIONS in lib/auth/permissions.ts, the one table.
export const API_AREAS = ["questions", "kits", "candidates", "interviews", "scorecards", "reports"] as const;
export type ApiArea = (typeof API_AREAS)[number];
export type ApiScope = `${ApiArea}:${"read" | "write"}`;

/**
 * Every scope a key may hold. Scorecards and reports are read-only through the API: a scorecard
 * is written only by its panelists in the interview room, and a report is computed.
 */
export const API_SCOPES = [
  "questions:read",
  "questions:write",
  "kits:read",
  "kits:write",
  "candidates:read",
  "candidates:write",
  "interviews:read",
  "interviews:write",
  "scorecards:read",
  "reports:read",
] as const satisfies readonly ApiScope[];
export type GrantableScope = (typeof API_SCOPES)[number];

/** Areas whose only scope is `:read`. */
export const READ_ONLY_AREAS: readonly ApiArea[] = API_AREAS.filter((a) => !(API_SCOPES as readonly string[]).includes(`${a}:write`));

export const AREA_LABELS: Record<ApiArea, string> = {
  questions: "Questions",
  kits: "Kits",
  candidates: "Candidates",
  interviews: "Interviews",
  scorecards: "Scorecards",
  reports: "Reports and decisions",
};

export function isGrantableScope(value: string): value is GrantableScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** Whether a key holding `held` may act under `wanted`: the scope itself, or write for a read. */
export function scopeCovers(held: readonly string[], wanted: ApiScope): boolean {
  if (held.includes(wanted)) return true;
  const [area, access] = wanted.split(":") as [ApiArea, "read" | "write"];
  return access === "read" && held.includes(`${area}:write`);
}
