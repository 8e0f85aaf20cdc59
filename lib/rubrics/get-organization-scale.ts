import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { RubricScale } from "./scale";

/** The actor's organization's rubric scale (default 0–4, configurable per organization). */
export async function getOrganizationScale(actor: Pick<Actor, "organizationId">, client: Tx | typeof db = db): Promise<RubricScale> {
  const org = await client.organization.findUnique({
    where: { id: actor.organizationId },
    select: { scaleMin: true, scaleMax: true },
  });
  if (!org) throw notFound("Your organization");
  return { min: org.scaleMin, max: org.scaleMax };
}
