/**
 * An organization's rubric scale: integer levels from `min` to `max` inclusive (default 0–4).
 * Pure: shared by forms, services and scoring.
 */
export interface RubricScale {
  min: number;
  max: number;
}

export const DEFAULT_SCALE: RubricScale = { min: 0, max: 4 };

/** Every level of the scale, lowest first. */
export function scaleLevels(scale: RubricScale): number[] {
  const out: number[] = [];
  for (let l = scale.min; l <= scale.max; l++) out.push(l);
  return out;
}

export function isLevelOnScale(level: number, scale: RubricScale): boolean {
  return Number.isInteger(level) && level >= scale.min && level <= scale.max;
}

/**
 * A criterion's anchored levels as stored (rubric_criteria.levels, JSON written by the question
 * services): `[{ level, descriptor }]`, lowest level first. Anything malformed is left out rather
 * than trusted: a level must be a number; a missing descriptor reads as "".
 */
export function parseStoredLevels(value: unknown): { level: number; descriptor: string }[] {
  if (!Array.isArray(value)) return [];
  return value
    .flatMap((v: unknown) => {
      const o = v as { level?: unknown; descriptor?: unknown } | null;
      return typeof o?.level === "number" ? [{ level: o.level, descriptor: typeof o.descriptor === "string" ? o.descriptor : "" }] : [];
    })
    .sort((a, b) => a.level - b.level);
}
