"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { fetchJson } from "@/lib/api/fetch-json";
import { interviewKeys } from "@/lib/interviews/hooks";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const noSubscribe = () => () => {};

/**
 * "Times are shown in <zone>", with a way to change it — and a one-click offer when the
 * browser's zone differs from the one on the account (e.g. a new account still on UTC).
 */
export function TimeZoneSetting({ current, zones }: { current: string; zones: string[] }) {
  const router = useRouter();
  const qc = useQueryClient();
  const detected = useSyncExternalStore(noSubscribe, browserZone, () => current);
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState(current);
  const save = useMutation({
    mutationFn: (timeZone: string) => fetchJson<{ timeZone: string }>("/api/me/time-zone", { method: "PUT", json: { timeZone } }),
    onSuccess: () => {
      setEditing(false);
      void qc.invalidateQueries({ queryKey: interviewKeys.all });
      router.refresh();
    },
  });

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span>
        Your time zone: <strong>{current}</strong>
      </span>
      {!editing && (
        <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
          Change
        </Button>
      )}
      {!editing && detected && detected !== current && (
        <Button size="sm" variant="secondary" disabled={save.isPending} onClick={() => save.mutate(detected)}>
          Use {detected} (this device)
        </Button>
      )}
      {editing && (
        <>
          <Select aria-label="Your time zone" className="h-9 w-64" value={choice} onChange={(e) => setChoice(e.target.value)}>
            {(zones.includes(current) ? zones : [current, ...zones]).map((z) => (
              <option key={z} value={z}>{z}</option>
            ))}
          </Select>
          <Button size="sm" disabled={save.isPending} onClick={() => save.mutate(choice)}>
            Save
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </>
      )}
      <FormError message={save.isError ? save.error.message : null} />
    </div>
  );
}
