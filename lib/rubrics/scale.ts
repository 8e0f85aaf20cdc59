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
