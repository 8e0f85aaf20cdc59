"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { emptyCriterion, type EditorCriterion } from "@/lib/questions/editor-state";
import type { RubricScale } from "@/lib/rubrics/scale";

type ErrorsAt = (path: string) => string[] | undefined;

/**
 * Criteria with description, weight and one anchored descriptor per level of the organization's
 * scale. Reordering uses buttons (not drag and drop) so it works from the keyboard.
 */
export function RubricEditor({
  scale,
  criteria,
  onChange,
  errorsAt,
}: {
  scale: RubricScale;
  criteria: EditorCriterion[];
  onChange: (criteria: EditorCriterion[]) => void;
  errorsAt: ErrorsAt;
}) {
  const totalWeight = criteria.reduce((s, c) => s + (Number(c.weight) > 0 ? Number(c.weight) : 0), 0);
  const set = (i: number, patch: Partial<EditorCriterion>) => onChange(criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...criteria];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    onChange(next);
  };

  return (
    <section aria-labelledby="rubric-heading" className="space-y-4">
      <div>
        <h2 id="rubric-heading" className="text-lg font-semibold">
          Rubric
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Describe what an answer looks like at every level from {scale.min} to {scale.max}. Weights are relative: a criterion with weight 2
          counts twice as much as one with weight 1.
        </p>
      </div>
      {criteria.map((c, i) => {
        const w = Number(c.weight);
        const n = i + 1;
        return (
          <Card key={c.uid} className="space-y-3" role="group" aria-label={`Criterion ${n}${c.title ? `: ${c.title}` : ""}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-semibold">Criterion {n}</h3>
              <div className="flex gap-1">
                <Button variant="ghost" size="sm" aria-label={`Move criterion ${n} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Move criterion ${n} down`}
                  disabled={i === criteria.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </Button>
                <Button variant="ghost" size="sm" aria-label={`Remove criterion ${n}`} onClick={() => onChange(criteria.filter((_, j) => j !== i))}>
                  Remove
                </Button>
              </div>
            </div>
            <div className="grid gap-3 md:grid-cols-[1fr_10rem]">
              <Field label={`Criterion ${n} title`} errors={errorsAt(`criteria.${i}.title`) ?? errorsAt(`criteria.${i}.key`)}>
                <Input value={c.title} autoFocus={c.title === "" && i > 0 && i === criteria.length - 1} onChange={(e) => set(i, { title: e.target.value })} />
              </Field>
              <Field
                label={`Criterion ${n} weight`}
                hint={w > 0 && totalWeight > 0 ? `${Math.round((w / totalWeight) * 100)}% of the question` : undefined}
                errors={errorsAt(`criteria.${i}.weight`)}
              >
                <Input type="number" inputMode="decimal" min="0" step="any" value={c.weight} onChange={(e) => set(i, { weight: e.target.value })} />
              </Field>
            </div>
            <Field label={`Criterion ${n} description`} hint="What this criterion assesses." errors={errorsAt(`criteria.${i}.description`)}>
              <Textarea rows={2} value={c.description} onChange={(e) => set(i, { description: e.target.value })} />
            </Field>
            <fieldset className="space-y-2">
              <legend className="text-sm font-semibold">Anchored levels</legend>
              {errorsAt(`criteria.${i}.levels`) && (
                <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                  {errorsAt(`criteria.${i}.levels`)!.join(" ")}
                </p>
              )}
              {c.levels.map((l, j) => (
                <Field key={l.level} label={`Criterion ${n}, level ${l.level}`} errors={errorsAt(`criteria.${i}.levels.${j}.descriptor`)}>
                  <Textarea
                    rows={2}
                    className="min-h-12"
                    value={l.descriptor}
                    placeholder={l.level === scale.min ? "e.g. No relevant answer" : l.level === scale.max ? "e.g. Complete, precise, anticipates follow-ups" : ""}
                    onChange={(e) => set(i, { levels: c.levels.map((x, k) => (k === j ? { ...x, descriptor: e.target.value } : x)) })}
                  />
                </Field>
              ))}
            </fieldset>
          </Card>
        );
      })}
      {errorsAt("criteria") && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorsAt("criteria")!.join(" ")}
        </p>
      )}
      <Button variant="secondary" onClick={() => onChange([...criteria, emptyCriterion(scale)])}>
        Add criterion
      </Button>
    </section>
  );
}
