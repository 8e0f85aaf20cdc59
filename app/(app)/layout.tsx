import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { requirePageActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { countMyUnread } from "@/lib/feedback/notifications";
import { listMyOrganizations } from "@/lib/organizations/my-organizations";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const [organizations, unread] = await Promise.all([listMyOrganizations(actor), countMyUnread(actor)]);
  return (
    <>
      <a href="#main" className="skip-link">Skip to content</a>
      <AppHeader organizationName={actor.organizationName} name={actor.name} email={actor.email} roleLabel={ROLE_LABELS[actor.role]} organizations={organizations} unread={unread} bellScope={{ userId: actor.userId, organizationId: actor.organizationId }} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">{children}</main>
    </>
  );
}
