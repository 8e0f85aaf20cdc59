"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, fetchJson } from "@/lib/api/fetch-json";
import { zodFieldErrors, type FieldErrors } from "@/lib/errors";
import { SCORECARD_DUE_LIMITS } from "@/lib/feedback/due";
import { POOL_LIMITS } from "@/lib/pools/schemas";
import { organizationSettingsSchema, REMINDER_LIMITS, ROOM_OPENS_EARLY_LIMITS, type OrganizationSettings } from "@/lib/organizations/schemas";

export function OrganizationForm({ settings, canEdit }: { settings: OrganizationSettings; canEdit: boolean }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);
  const [opensEarly, setOpensEarly] = useState(String(settings.roomOpensEarlyMinutes));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const parsed = organizationSettingsSchema.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
    if (!parsed.success) return setFieldErrors(zodFieldErrors(parsed.error));
    setFieldErrors({});
    setError(null);
    setPending(true);
    try {
      await fetchJson("/api/organizations/settings", { method: "PATCH", json: parsed.data });
      setSaved(true);
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors);
      setError(err instanceof Error ? err.message : "Could not save.");
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={error} />
        <fieldset disabled={!canEdit} className="space-y-4">
          <Field label="Organization name" errors={fieldErrors.name}>
            <Input name="name" defaultValue={settings.name} required />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Lowest rubric level" hint="0 or 1." errors={fieldErrors.scaleMin}>
              <Input name="scaleMin" type="number" min={0} max={1} defaultValue={settings.scaleMin} />
            </Field>
            <Field label="Highest rubric level" hint="Every rubric needs one anchored descriptor per level." errors={fieldErrors.scaleMax}>
              <Input name="scaleMax" type="number" min={2} max={10} defaultValue={settings.scaleMax} />
            </Field>
          </div>
          <Field
            label="Interview room opens early (minutes)"
            hint={
              /^\d+$/.test(opensEarly)
                ? `Scoring opens ${opensEarly} ${opensEarly === "1" ? "minute" : "minutes"} before the scheduled start.`
                : `Scoring opens ${ROOM_OPENS_EARLY_LIMITS.min}–${ROOM_OPENS_EARLY_LIMITS.max} minutes before the scheduled start.`
            }
            errors={fieldErrors.roomOpensEarlyMinutes}
          >
            <Input
              name="roomOpensEarlyMinutes"
              type="number"
              min={ROOM_OPENS_EARLY_LIMITS.min}
              max={ROOM_OPENS_EARLY_LIMITS.max}
              value={opensEarly}
              onChange={(e) => setOpensEarly(e.currentTarget.value)}
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Scorecards are due (hours after the interview ends)"
              hint={`${SCORECARD_DUE_LIMITS.minHours}–${SCORECARD_DUE_LIMITS.maxHours} hours; counted in each interviewer's own time zone.`}
              errors={fieldErrors.scorecardDueHours}
            >
              <Input
                name="scorecardDueHours"
                type="number"
                min={SCORECARD_DUE_LIMITS.minHours}
                max={SCORECARD_DUE_LIMITS.maxHours}
                defaultValue={settings.scorecardDueHours}
              />
            </Field>
            <div className="flex items-center gap-2 pt-6">
              <input type="hidden" name="scorecardDueBusinessDays" value="false" />
              <input
                id="scorecardDueBusinessDays"
                name="scorecardDueBusinessDays"
                type="checkbox"
                value="true"
                defaultChecked={settings.scorecardDueBusinessDays}
                className="h-4 w-4"
              />
              <label htmlFor="scorecardDueBusinessDays" className="text-sm">
                Count only Monday–Friday
              </label>
            </div>
          </div>
          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold">Scorecard reminders</legend>
            <div className="grid gap-4 sm:grid-cols-3">
              <Field label="First reminder (minutes after the end)" errors={fieldErrors.reminderFirstAfterMinutes}>
                <Input
                  name="reminderFirstAfterMinutes"
                  type="number"
                  min={REMINDER_LIMITS.firstAfterMinutes.min}
                  max={REMINDER_LIMITS.firstAfterMinutes.max}
                  defaultValue={settings.reminderFirstAfterMinutes}
                />
              </Field>
              <Field label="Daily reminders after the first" hint="At the same local time for each interviewer." errors={fieldErrors.reminderDailyLimit}>
                <Input name="reminderDailyLimit" type="number" min={REMINDER_LIMITS.dailyLimit.min} max={REMINDER_LIMITS.dailyLimit.max} defaultValue={settings.reminderDailyLimit} />
              </Field>
              <Field label="Tell the recruiter after (days overdue)" errors={fieldErrors.escalateAfterDays}>
                <Input name="escalateAfterDays" type="number" min={REMINDER_LIMITS.escalateAfterDays.min} max={REMINDER_LIMITS.escalateAfterDays.max} defaultValue={settings.escalateAfterDays} />
              </Field>
            </div>
            <div className="flex items-center gap-2">
              <input type="hidden" name="escalateToAdmins" value="false" />
              <input id="escalateToAdmins" name="escalateToAdmins" type="checkbox" value="true" defaultChecked={settings.escalateToAdmins} className="h-4 w-4" />
              <label htmlFor="escalateToAdmins" className="text-sm">
                Tell owners and admins too
              </label>
            </div>
          </fieldset>
          <Field
            label="Interviews a week per interviewer"
            hint="The default weekly limit in interviewer pools; each pool member's own limit overrides it. Over it, scheduling warns but does not refuse."
            errors={fieldErrors.interviewerWeeklyLimit}
          >
            <Input name="interviewerWeeklyLimit" type="number" min={POOL_LIMITS.weeklyLimit.min} max={POOL_LIMITS.weeklyLimit.max} defaultValue={settings.interviewerWeeklyLimit} />
          </Field>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Changing the scale applies to questions saved from now on. Existing question versions, and every interview that used
            them, keep the scale they were written for.
          </p>
        </fieldset>
        {canEdit ? (
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save settings"}</Button>
            {saved && <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">Saved.</span>}
          </div>
        ) : (
          <p className="text-sm">Only owners and admins can change these settings.</p>
        )}
      </form>
    </Card>
  );
}
