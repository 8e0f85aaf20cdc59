import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { findPanelOverlaps } from "./panel";
import { overlapQuerySchema, resolveTiming } from "./schemas";
import { addMinutes } from "./time-zones";
import type { PanelOverlap } from "./types";

/** Preview for the schedule form: who on the proposed panel is already busy then. */
export async function checkPanelOverlaps(actor: Actor, input: unknown): Promise<PanelOverlap[]> {
  assertCan(actor, "interviews.schedule");
  const parsed = overlapQuerySchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const timing = resolveTiming(parsed.data);
  if (!timing.ok) throw new AppError("VALIDATION", "Please fix the highlighted fields.", { fieldErrors: timing.fieldErrors });
  const { startsAt, durationMinutes, panelistIds } = timing.value;
  return findPanelOverlaps(db, actor, { start: startsAt, end: addMinutes(startsAt, durationMinutes) }, panelistIds, parsed.data.excludeInterviewId);
}
