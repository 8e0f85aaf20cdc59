import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findPanelOverlaps } from "./panel";
import { resolveTiming } from "./schemas";
import { addMinutes } from "./time-zones";
import type { PanelOverlap } from "./types";
import type { OverlapQuery } from "./schemas";

/** Preview for the schedule form: who on the proposed panel is already busy then. */
export async function checkPanelOverlaps(actor: Actor, input: OverlapQuery): Promise<PanelOverlap[]> {
  assertCan(actor, "interviews.schedule");
  const timing = resolveTiming(input);
  if (!timing.ok) throw new AppError("VALIDATION", "Please fix the highlighted fields.", { fieldErrors: timing.fieldErrors });
  const { startsAt, durationMinutes, panelistIds } = timing.value;
  return findPanelOverlaps(db, actor, { start: startsAt, end: addMinutes(startsAt, durationMinutes) }, panelistIds, input.excludeInterviewId);
}
