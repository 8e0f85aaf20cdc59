import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/errors";

/** Runs are read by those who may launch them and by those who read interview reports. */
export function assertCanReadLabRuns(actor: Pick<Actor, "role">): void {
  if (!can(actor.role, "lab.run") && !can(actor.role, "reports.read")) throw forbidden();
}
