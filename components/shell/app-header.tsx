"use client";

import { AppLink } from "@/components/ui/app-link";
import { useState } from "react";
import { NavLinks } from "./nav-links";
import { UserMenu, type OrganizationChoice } from "./user-menu";

export function AppHeader({
  organizationName,
  name,
  email,
  roleLabel,
  organizations,
  unread = 0,
}: {
  /** Unread notifications, for the bell. */
  unread?: number;
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
          <AppLink
            href="/notifications"
            className="relative rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-slate-300 dark:hover:bg-slate-800"
            aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
            data-testid="notification-bell"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
              <path d="M10 2a6 6 0 0 0-6 6v3.6l-1.7 2.6A.5.5 0 0 0 2.7 15h14.6a.5.5 0 0 0 .4-.8L16 11.6V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 0 2.4-2H7.6A2.5 2.5 0 0 0 10 18Z" />
            </svg>
            {unread > 0 && (
              <span aria-hidden="true" className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold leading-5 text-white">
                {unread > 99 ? "99+" : unread}
              </span>
            )}
          </AppLink>
          <UserMenu name={name} email={email} roleLabel={roleLabel} organizations={organizations} />
        </div>
      </div>
      <nav id="mobile-nav" aria-label="Main (mobile)" hidden={!open} className="border-t border-slate-200 px-4 py-2 md:hidden dark:border-slate-800">
        <NavLinks onNavigate={() => setOpen(false)} />
      </nav>
    </header>
  );
}
