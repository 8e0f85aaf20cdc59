import type { Metadata } from "next";
import { ScheduleForm } from "@/components/interviews/schedule-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listCandidates } from "@/lib/candidates/list-candidates";
import { listPanelCandidates } from "@/lib/interviews/list-panel-candidates";
import { canonicalTimeZone, timeZoneOptions } from "@/lib/interviews/time-zones";
import { listKits } from "@/lib/kits/list-kits";

export const metadata: Metadata = { title: "Schedule interview" };

export default async function ScheduleInterviewPage() {
  const actor = await requirePageActor();
  if (!can(actor.role, "interviews.schedule")) {
    return (
      <>
        <PageHeader title="Schedule interview" />
        <Card>Only owners, admins and recruiters schedule interviews.</Card>
      </>
    );
  }
  // The choices come with the page, so the dropdowns are filled from the first paint (the same
  // queries the form's hooks would make; they take over from here).
  const [candidates, kits, members] = await Promise.all([
    listCandidates(actor, { q: "", includeErased: false }),
    listKits(actor, { q: "", archived: false }),
    listPanelCandidates(actor),
  ]);
  return (
    <>
      <PageHeader title="Schedule interview" description="Pick a candidate and a kit, when it happens in which time zone, and who sits on the panel." />
      <ScheduleForm viewerZone={canonicalTimeZone(actor.timeZone) ?? "UTC"} zones={timeZoneOptions()} choices={{ candidates, kits, members }} />
    </>
  );
}
