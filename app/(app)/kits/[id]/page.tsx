import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { notFound } from "next/navigation";
import { KitEditor } from "@/components/kits/kit-editor";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getKitOrThrow } from "@/lib/kits/get-kit";
import { KitPoolSection, type PoolCalibration } from "@/components/pools/kit-pool";
import { getOrganizationAnalytics } from "@/lib/analytics/get-analytics";
import { DEFAULT_ANALYTICS_PERIOD } from "@/lib/analytics/schemas";
import { listPanelCandidates } from "@/lib/interviews/list-panel-candidates";
import { getKitPool } from "@/lib/pools/get-kit-pool";
import type { Actor } from "@/lib/auth/actor";

/** Each pool member's severity and alpha from the organization's analytics snapshot (null: not enough data). */
async function poolCalibration(actor: Actor, userIds: string[]): Promise<Record<string, PoolCalibration | null> | null> {
  if (!can(actor.role, "analytics.readAll")) return null;
  const snapshot = await getOrganizationAnalytics(actor, { days: DEFAULT_ANALYTICS_PERIOD });
  const byUser = new Map(snapshot.figures.interviewers.map((i) => [i.userId, i]));
  return Object.fromEntries(
    userIds.map((id) => {
      const c = byUser.get(id);
      return [id, c ? { severity: c.severity, low: c.low, high: c.high, alpha: c.alpha, reason: c.reason } : null];
    }),
  );
}

export const metadata: Metadata = { title: "Kit" };

export default async function KitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const kit = await getKitOrThrow(actor, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  // Those who schedule see the kit's interviewer pool (lib/pools).
  const pool = can(actor.role, "interviews.schedule") ? await getKitPool(actor, kit.id) : null;
  const members = pool && can(actor.role, "pools.manage") ? await listPanelCandidates(actor) : [];
  // The snapshot is read only when there is someone to show it for (its first read computes it).
  const calibration = pool && pool.members.length > 0 ? await poolCalibration(actor, pool.members.map((m) => m.userId)) : null;
  return (
    <>
      <PageHeader
        title={kit.name}
        description={kit.role || undefined}
        actions={
          can(actor.role, "reports.read") ? (
            <AppLink href={`/reports/kits/${kit.id}`} className={buttonClasses("secondary", "sm")}>Compare candidates</AppLink>
          ) : undefined
        }
      />
      {/* Keyed by id so duplicating (which navigates to the copy) starts a fresh editor. */}
      <KitEditor key={kit.id} initial={kit} canWrite={can(actor.role, "kits.write")} />
      {pool && (
        <KitPoolSection
          kitId={kit.id}
          initial={pool}
          members={members}
          canManage={can(actor.role, "pools.manage")}
          calibration={calibration}
        />
      )}
    </>
  );
}
