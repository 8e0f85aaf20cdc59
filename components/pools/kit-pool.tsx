"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ApiError, messageOf } from "@/lib/api/fetch-json";
import type { FieldErrors } from "@/lib/errors";
import type { PanelCandidate } from "@/lib/interviews/types";
import { useAddPoolMember, useKitPool, useRemovePoolMember, useSetPoolRequirements, useUpdatePoolMember } from "@/lib/pools/hooks";
import { progressLabel } from "@/lib/pools/panel-rules";
import { POOL_STAGE_LABELS, POOL_STAGES, type PoolStage } from "@/lib/pools/schemas";
import type { KitPool, PoolMemberView } from "@/lib/pools/types";

/** A member's calibration from the analytics snapshot (lib/analytics), or null: not enough data. */
export interface PoolCalibration {
  severity: number | null;
  low: number | null;
  high: number | null;
  alpha: number | null;
  reason: string | null;
}

const muted = "text-slate-600 dark:text-slate-400";
const signed = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v).toFixed(2)}`;

function CalibrationCell({ c }: { c: PoolCalibration | null | undefined }) {
  if (!c || (c.severity === null && c.alpha === null)) return <span className={muted}>Not enough data</span>;
  return (
    <span className="tabular-nums">
      {c.severity === null ? (
        <span className={muted}>severity: {c.reason ?? "not enough data"}</span>
      ) : (
        <span title={`95% interval ${signed(c.low ?? c.severity)} to ${signed(c.high ?? c.severity)}`}>
          severity {signed(c.severity)} ± {((Math.abs((c.high ?? c.severity) - (c.low ?? c.severity))) / 2).toFixed(2)}
        </span>
      )}
      {" · "}alpha {c.alpha === null ? "—" : c.alpha.toFixed(2)}
    </span>
  );
}

function MemberRow({ kitId, m, canManage, calibration }: { kitId: string; m: PoolMemberView; canManage: boolean; calibration?: PoolCalibration | null }) {
  const update = useUpdatePoolMember(kitId);
  const remove = useRemovePoolMember(kitId);
  const [limit, setLimit] = useState(m.weeklyLimit === null ? "" : String(m.weeklyLimit));
  const over = m.load > m.effectiveLimit;
  const error = update.isError ? messageOf(update.error) : remove.isError ? messageOf(remove.error) : null;
  return (
    <tr className="align-top">
      <td className="py-2 pr-3">
        <span className="font-medium">{m.name}</span>
        <span className={`block text-xs ${muted}`}>{m.email}</span>
      </td>
      <td className="py-2 pr-3">
        {canManage ? (
          <Select
            aria-label={`${m.name}'s stage`}
            value={m.stage}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ userId: m.userId, stage: e.target.value as PoolStage })}
          >
            {POOL_STAGES.map((s) => (
              <option key={s} value={s}>{POOL_STAGE_LABELS[s]}</option>
            ))}
          </Select>
        ) : (
          POOL_STAGE_LABELS[m.stage]
        )}
      </td>
      <td className="py-2 pr-3">
        {progressLabel(m.stage, m.progress)}
        {m.progress.ready && <span className="ml-1 rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">ready for promotion</span>}
      </td>
      <td className={`py-2 pr-3 tabular-nums ${over ? "text-amber-800 dark:text-amber-300" : ""}`}>
        {m.load} of {m.effectiveLimit}
        {m.weeklyLimit === null && <span className={`block text-xs ${muted}`}>organization default</span>}
      </td>
      {calibration !== undefined && (
        <td className="py-2 pr-3 text-sm">
          <CalibrationCell c={calibration} />
        </td>
      )}
      {canManage && (
        <td className="py-2">
          <form
            className="flex items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({ userId: m.userId, weeklyLimit: limit.trim() === "" ? null : Number(limit) });
            }}
          >
            <Input
              aria-label={`${m.name}'s weekly limit`}
              className="w-20"
              inputMode="numeric"
              placeholder="default"
              value={limit}
              onChange={(e) => setLimit(e.target.value)}
            />
            <Button type="submit" variant="secondary" size="sm" disabled={update.isPending}>Set limit</Button>
            <Button type="button" variant="ghost" size="sm" disabled={remove.isPending} onClick={() => remove.mutate(m.userId)} aria-label={`Remove ${m.name} from the pool`}>
              Remove
            </Button>
          </form>
          {error && <p role="alert" className="text-xs text-red-700 dark:text-red-400">{error}</p>}
        </td>
      )}
    </tr>
  );
}

function AddMember({ kitId, pool, members }: { kitId: string; pool: KitPool; members: PanelCandidate[] }) {
  const add = useAddPoolMember(kitId);
  const [userId, setUserId] = useState("");
  const [stage, setStage] = useState<PoolStage>("SHADOW");
  const [errors, setErrors] = useState<FieldErrors>({});
  const inPool = new Set(pool.members.map((m) => m.userId));
  const choices = members.filter((m) => !inPool.has(m.userId));
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!userId) return setErrors({ userId: ["Choose a member."] });
    try {
      await add.mutateAsync({ userId, stage });
      setUserId("");
      setErrors({});
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors);
    }
  }
  return (
    <form onSubmit={onSubmit} className="mt-4 grid items-end gap-3 sm:grid-cols-[1fr_12rem_auto]">
      <Field label="Add a member" errors={errors.userId}>
        <Select value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">Choose a member…</option>
          {choices.map((m) => (
            <option key={m.userId} value={m.userId}>{m.name} ({m.email})</option>
          ))}
        </Select>
      </Field>
      <Field label="Stage">
        <Select value={stage} onChange={(e) => setStage(e.target.value as PoolStage)}>
          {POOL_STAGES.map((s) => (
            <option key={s} value={s}>{POOL_STAGE_LABELS[s]}</option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={add.isPending}>{add.isPending ? "Adding…" : "Add"}</Button>
      <div className="sm:col-span-3">
        <FormError message={add.isError && !Object.keys(errors).length ? messageOf(add.error) : null} />
      </div>
    </form>
  );
}

function Requirements({ kitId, pool }: { kitId: string; pool: KitPool }) {
  const set = useSetPoolRequirements(kitId);
  const [shadows, setShadows] = useState(String(pool.shadowsRequired));
  const [reverse, setReverse] = useState(String(pool.reverseShadowsRequired));
  const fieldErrors = set.error instanceof ApiError ? set.error.fieldErrors : {};
  return (
    <form
      className="mt-4 grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]"
      onSubmit={(e) => {
        e.preventDefault();
        set.mutate({ shadowsRequired: Number(shadows), reverseShadowsRequired: Number(reverse) });
      }}
    >
      <Field label="Shadows before reverse shadowing" errors={fieldErrors.shadowsRequired}>
        <Input inputMode="numeric" value={shadows} onChange={(e) => setShadows(e.target.value)} />
      </Field>
      <Field label="Reverse shadows before qualified" errors={fieldErrors.reverseShadowsRequired}>
        <Input inputMode="numeric" value={reverse} onChange={(e) => setReverse(e.target.value)} />
      </Field>
      <Button type="submit" variant="secondary" disabled={set.isPending}>Save requirements</Button>
    </form>
  );
}

/**
 * The kit's interviewer pool: stages with progress, this week's load against each limit and
 * each member's calibration, so promoting or demoting happens with the figures in view.
 */
export function KitPoolSection({
  kitId,
  initial,
  members,
  canManage,
  calibration,
}: {
  kitId: string;
  initial: KitPool;
  members: PanelCandidate[];
  canManage: boolean;
  /** By user id; absent when the viewer may not read the organization's analytics. */
  calibration: Record<string, PoolCalibration | null> | null;
}) {
  const pool = useKitPool(kitId, initial).data ?? initial;
  return (
    <Card className="mt-6" aria-labelledby="pool-heading">
      <h2 id="pool-heading" className="text-lg font-semibold">Interviewer pool</h2>
      <p className={`text-sm ${muted}`}>
        Shadows sit in {pool.shadowsRequired} time{pool.shadowsRequired === 1 ? "" : "s"}, reverse shadows lead {pool.reverseShadowsRequired} time
        {pool.reverseShadowsRequired === 1 ? "" : "s"} with a qualified interviewer, counted from completed interviews of this kit. Load is this
        week&apos;s interviews (Monday to Sunday, UTC) against each limit; the organization&apos;s default is {pool.defaultWeeklyLimit}.
      </p>
      {pool.members.length === 0 ? (
        <p className="mt-3 text-sm">Nobody is in this kit&apos;s pool yet{canManage ? ": add the interviewers who run it." : "."}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className={`text-xs uppercase tracking-wide ${muted}`}>
              <tr>
                <th className="py-1 pr-3 font-medium">Interviewer</th>
                <th className="py-1 pr-3 font-medium">Stage</th>
                <th className="py-1 pr-3 font-medium">Progress</th>
                <th className="py-1 pr-3 font-medium">This week</th>
                {calibration && <th className="py-1 pr-3 font-medium">Calibration</th>}
                {canManage && <th className="py-1 font-medium">Weekly limit</th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {pool.members.map((m) => (
                <MemberRow key={m.userId} kitId={kitId} m={m} canManage={canManage} calibration={calibration ? (calibration[m.userId] ?? null) : undefined} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <>
          <AddMember kitId={kitId} pool={pool} members={members} />
          <Requirements kitId={kitId} pool={pool} />
        </>
      )}
    </Card>
  );
}
