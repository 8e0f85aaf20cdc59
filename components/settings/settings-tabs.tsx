"use client";

import { AppLink } from "@/components/ui/app-link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const TABS = [
  { href: "/settings/members", label: "Members" },
  { href: "/settings/organization", label: "Organization" },
  { href: "/settings/search", label: "Search" },
  { href: "/settings/api", label: "API" },
  { href: "/settings/webhooks", label: "Webhooks" },
  { href: "/settings/sso", label: "Single sign-on" },
];

export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-slate-200 dark:border-slate-800">
      {TABS.map((t) => {
        const active = pathname.startsWith(t.href);
        return (
          <AppLink
            key={t.href}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
              active ? "border-indigo-600 text-indigo-800 dark:text-indigo-200" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400",
            )}
          >
            {t.label}
          </AppLink>
        );
      })}
    </nav>
  );
}
