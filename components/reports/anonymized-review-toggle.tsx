"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/field";
import { useSetAnonymizedReview } from "@/lib/reports/hooks";

/** Owners and admins: reviewers see candidates without name, email or links while this is on. */
export function AnonymizedReviewToggle({ initial }: { initial: boolean }) {
  const [on, setOn] = useState(initial);
  const save = useSetAnonymizedReview();
  const router = useRouter();
  return (
    <div className="space-y-2">
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 h-4 w-4 accent-indigo-600"
          checked={on}
          disabled={save.isPending}
          onChange={(e) => {
            const next = e.target.checked;
            setOn(next);
            save.mutate(
              { anonymizedReview: next },
              { onSuccess: (r) => { setOn(r.anonymizedReview); router.refresh(); }, onError: () => setOn(!next) },
            );
          }}
        />
        <span>
          <span className="font-medium">Anonymized review</span>
          <span className="block text-slate-600 dark:text-slate-400">
            Reviewers see a pseudonym instead of the candidate&apos;s name, and no email or links — on the page, in the PDF and in the CSV.
          </span>
        </span>
      </label>
      <p className="sr-only" aria-live="polite">{save.isSuccess ? `Anonymized review is ${on ? "on" : "off"}.` : ""}</p>
      <FormError message={save.error?.message} />
    </div>
  );
}
