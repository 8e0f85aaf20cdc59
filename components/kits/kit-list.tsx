"use client";

import { AppLink } from "@/components/ui/app-link";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useKits } from "@/lib/kits/hooks";

export function KitList() {
  const [q, setQ] = useState("");
  const [archived, setArchived] = useState(false);
  const { data, error, isLoading } = useKits({ q, archived });
  return (
    <div className="space-y-4">
      <Card className="flex flex-wrap items-end gap-4">
        <div className="min-w-64 flex-1">
          <Field label="Search kits by name or role">
            <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </Field>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
          Show archived kits
        </label>
      </Card>
      <FormError message={error ? error.message : null} />
      {isLoading && <p className="text-sm">Loading kits…</p>}
      {data?.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">{archived ? "No archived kits." : "No kits yet."}</p>}
      <ul className="grid gap-4 sm:grid-cols-2">
        {data?.map((k) => (
          <li key={k.id}>
            <AppLink href={`/kits/${k.id}`} className="block rounded-lg focus-visible:outline-2 focus-visible:outline-indigo-600">
              <Card className="h-full hover:border-indigo-300">
                <h2 className="font-semibold">{k.name}</h2>
                {k.role && <p className="text-sm text-slate-600 dark:text-slate-400">{k.role}</p>}
                <p className="mt-2 text-sm">
                  {k.itemCount} questions · {k.totalMinutes} minutes
                  {k.overallAttributes.length > 0 && ` · ${k.overallAttributes.join(", ")}`}
                </p>
              </Card>
            </AppLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
