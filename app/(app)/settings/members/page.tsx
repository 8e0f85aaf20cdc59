import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { MembersPanel } from "@/components/settings/members-panel";
import { requirePageActor } from "@/lib/auth/actor";
import { assignableRoles, can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader title="Members" description={`People in ${actor.organizationName} and what they may do.`} />
      <MembersPanel
        canInvite={can(actor.role, "members.invite")}
        canManage={can(actor.role, "members.manage")}
        assignable={assignableRoles(actor.role)}
        actorRole={actor.role}
      />
    </>
  );
}
