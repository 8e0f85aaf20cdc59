"use client";

import { AppLink } from "@/components/ui/app-link";
import { useState } from "react";
import { NavLinks } from "./nav-links";
import { NotificationBell } from "./notification-bell";
import type { BellScope } from "./use-live-unread";
import { UserMenu, type OrganizationChoice } from "./user-menu";

export function AppHeader({
  organizationName,
  name,
  email,
  roleLabel,
  organizations,
  unread = 0,
  bellScope,
}: {
  /** Unread notifications, for the bell, as the server counted them. */
  unread?: number;
  /** Whose bell this is (the signed-in user, the current organization): it then follows the live count. */
  bellScope?: BellScope;
  organizationName: string;
  name: string;
  email: string;
  roleLabel: string;
  organizations: OrganizationChoice[];
}) {
  const [open, setOpen] = useState(false);
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-3">
        <AppLink href="/" className="flex flex-col leading-tight focus-visible:outline-2 focus-visible:outline-indigo-600">
          <span className="text-base font-semibold text-indigo-700 dark:text-indigo-300">Panelist</span>
          <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="org-name">{organizationName}</span>
        </AppLink>
        <nav aria-label="Main" className="hidden flex-1 md:block">
          <NavLinks />
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <button
            type="button"
            className="rounded-md px-2 py-1 text-sm md:hidden"
            aria-expanded={open}
            aria-controls="mobile-nav"
            onClick={() => setOpen((o) => !o)}
          >
            Menu
          </button>
          <NotificationBell unread={unread} scope={bellScope} />
          <UserMenu name={name} email={email} roleLabel={roleLabel} organizations={organizations} />
        </div>
      </div>
      <nav id="mobile-nav" aria-label="Main (mobile)" hidden={!open} className="border-t border-slate-200 px-4 py-2 md:hidden dark:border-slate-800">
        <NavLinks onNavigate={() => setOpen(false)} />
      </nav>
    </header>
  );
}
