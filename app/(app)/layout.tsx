import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { requirePageActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  return (
    <>
      <a href="#main" className="skip-link">Skip to content</a>
      <AppHeader organizationName={actor.organizationName} name={actor.name} email={actor.email} roleLabel={ROLE_LABELS[actor.role]} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">{children}</main>
    </>
  );
}
