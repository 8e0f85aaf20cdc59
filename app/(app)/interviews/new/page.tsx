import type { Metadata } from "next";
import { ScheduleForm } from "@/components/interviews/schedule-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { canonicalTimeZone, timeZoneOptions } from "@/lib/interviews/time-zones";

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
  return (
    <>
      <PageHeader title="Schedule interview" description="Pick a candidate and a kit, when it happens in which time zone, and who sits on the panel." />
      <ScheduleForm viewerZone={canonicalTimeZone(actor.timeZone) ?? "UTC"} zones={timeZoneOptions()} />
    </>
  );
}
