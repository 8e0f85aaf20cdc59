import { MarkdownView } from "@/components/markdown/markdown-view";
import { Card } from "@/components/ui/card";
import type { QuestionVersionView } from "@/lib/questions/types";
import { DifficultyBadge, TagList } from "./badges";

/** One version as interviewers read it: prompt, rubric with anchored levels, probes, model answer. */
export function QuestionVersionContent({ version }: { version: QuestionVersionView }) {
  const totalWeight = version.criteria.reduce((s, c) => s + c.weight, 0);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
        <DifficultyBadge difficulty={version.difficulty} />
        <span>{version.minutes} min</span>
        <TagList tags={version.tags} />
      </div>
      <Card>
        <h2 className="mb-2 text-base font-semibold">Prompt</h2>
        <MarkdownView source={version.prompt} />
      </Card>
      <Card>
        <h2 className="mb-3 text-base font-semibold">
          Rubric <span className="text-sm font-normal text-slate-500 dark:text-slate-400">(scale {version.scale.min}–{version.scale.max})</span>
        </h2>
        <div className="space-y-5">
          {version.criteria.map((c) => (
            <section key={c.key} aria-labelledby={`crit-${c.key}`}>
              <h3 id={`crit-${c.key}`} className="font-medium">
                {c.title}{" "}
                <span className="text-sm font-normal text-slate-500 dark:text-slate-400">
                  weight {c.weight}
                  {totalWeight > 0 ? ` · ${Math.round((c.weight / totalWeight) * 100)}%` : ""}
                </span>
              </h3>
              {c.description && <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{c.description}</p>}
              <table className="mt-2 w-full text-left text-sm">
                <thead className="sr-only">
                  <tr>
                    <th scope="col">Level</th>
                    <th scope="col">What an answer at this level looks like</th>
                  </tr>
                </thead>
                <tbody>
                  {c.levels.map((l) => (
                    <tr key={l.level} className="border-t border-slate-200 dark:border-slate-700">
                      <th scope="row" className="w-12 py-1.5 pr-3 align-top font-mono font-semibold">
                        {l.level}
                      </th>
                      <td className="py-1.5">{l.descriptor}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
      </Card>
      {(version.followUps.length > 0 || version.redFlags.length > 0) && (
        <div className="grid gap-4 md:grid-cols-2">
          {version.followUps.length > 0 && (
            <Card>
              <h2 className="mb-2 text-base font-semibold">Follow-up probes</h2>
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {version.followUps.map((f, i) => (
                  <li key={i}>{f}</li>
                ))}
              </ul>
            </Card>
          )}
          {version.redFlags.length > 0 && (
            <Card>
              <h2 className="mb-2 text-base font-semibold">Red flags</h2>
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {version.redFlags.map((f, i) => (
                  <li key={i}>{f}</li>
                ))}
              </ul>
            </Card>
          )}
        </div>
      )}
      {version.modelAnswer !== null && version.modelAnswer.trim() !== "" && (
        <Card>
          <h2 className="mb-2 text-base font-semibold">
            Model answer <span className="text-sm font-normal text-slate-500 dark:text-slate-400">(interviewers only)</span>
          </h2>
          <MarkdownView source={version.modelAnswer} />
        </Card>
      )}
    </div>
  );
}
