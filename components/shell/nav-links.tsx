"use client";

import { AppLink } from "@/components/ui/app-link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

export const NAV_ITEMS = [
  { href: "/questions", label: "Questions" },
  { href: "/kits", label: "Kits" },
  { href: "/interviews", label: "Interviews" },
  { href: "/scorecards", label: "Scorecards due" },
  { href: "/candidates", label: "Candidates" },
  { href: "/reports", label: "Reports" },
  { href: "/analytics", label: "Analytics" },
  { href: "/lab", label: "Labs" },
  { href: "/settings/members", label: "Settings", match: "/settings" },
] as const;

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-1 md:flex-row md:items-center">
      {NAV_ITEMS.map((item) => {
        const prefix = "match" in item ? item.match : item.href;
        const active = pathname === prefix || pathname.startsWith(`${prefix}/`);
        return (
          <li key={item.href}>
            <AppLink
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
                active
                  ? "bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200"
                  : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
              )}
            >
              {item.label}
            </AppLink>
          </li>
        );
      })}
    </ul>
  );
}
