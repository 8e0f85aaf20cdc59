import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { MyInterviews } from "@/components/interviews/my-interviews";
import { OrganizationInterviews } from "@/components/interviews/organization-interviews";
import { TimeZoneSetting } from "@/components/interviews/time-zone-setting";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listMyInterviews } from "@/lib/interviews/list-my-interviews";
import { canonicalTimeZone, timeZoneOptions } from "@/lib/interviews/time-zones";

export const metadata: Metadata = { title: "Interviews" };

export default async function InterviewsPage() {
  const actor = await requirePageActor();
  const zone = canonicalTimeZone(actor.timeZone) ?? "UTC";
  const seesAll = can(actor.role, "interviews.readAll");
  const reviewer = can(actor.role, "interviews.readCompleted");
  const mine = can(actor.role, "scoring.write") ? await listMyInterviews(actor) : null;
  return (
    <>
      <PageHeader
        title="Interviews"
        description="Every time is shown in your own time zone, with the zone named."
        actions={
          can(actor.role, "interviews.schedule") ? (
            <AppLink href="/interviews/new" className={buttonClasses("primary")}>Schedule interview</AppLink>
          ) : undefined
        }
      />
      <div className="mb-6">
        <TimeZoneSetting current={zone} zones={timeZoneOptions()} />
      </div>
      <div className="space-y-10">
        {mine && <MyInterviews initial={mine} />}
        {seesAll && <OrganizationInterviews viewerZone={zone} title="All interviews in the organization" />}
        {reviewer && <OrganizationInterviews viewerZone={zone} title="Completed interviews" fixedStatus="COMPLETED" />}
      </div>
    </>
  );
}
