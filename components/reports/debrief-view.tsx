import { AppLink } from "@/components/ui/app-link";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { awaitedScorecards, type DiscussionPoint, type DiscussionPointKind } from "@/lib/reports/debrief";
import { formatOffset, formatScore } from "@/lib/reports/format";
import type { InterviewDebrief, LoopDebrief } from "@/lib/reports/get-debrief";
import { RECOMMENDATION_LABELS, type InterviewReport, type ReportPanelist } from "@/lib/reports/types";
import { DecisionPanel } from "./decision-panel";
import { CandidateHeading, NotAssessed, Section } from "./report-parts";

const muted = "text-slate-600 dark:text-slate-400";

const KIND_LABEL: Record<DiscussionPointKind, string> = {
  missing: "Missing",
  "recommendation-split": "Split",
  disagreement: "Disagreement",
  "attribute-disagreement": "Disagreement",
  undecided: "Undecided",
  gap: "Gap",
};

const KIND_STYLE: Record<DiscussionPointKind, string> = {
  missing: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  "recommendation-split": "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  disagreement: "bg-orange-100 text-orange-900 dark:bg-orange-900 dark:text-orange-100",
  "attribute-disagreement": "bg-orange-100 text-orange-900 dark:bg-orange-900 dark:text-orange-100",
  undecided: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  gap: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
};

function recommendationOf(p: ReportPanelist): string {
  if (p.status === "NOT_COUNTED") return `Not counted (${p.training === "SHADOW" ? "shadow" : "reverse shadow without a qualified panelist"})`;
  if (p.status !== "SUBMITTED") return p.status === "DRAFT" ? "Draft — not submitted" : "Not started";
  return p.recommendation ? RECOMMENDATION_LABELS[p.recommendation] : "None given";
}

/** An interview's debrief; a partial one opens early (the page still decides who may). */
function debriefHref(report: InterviewReport): string {
  return `/reports/interviews/${report.interview.id}/debrief${report.partial ? "?early=1" : ""}`;
}

function whenOf(report: InterviewReport): string {
  return new Date(report.interview.startsAt).toLocaleString("en-GB", { timeZone: report.interview.timeZone, dateStyle: "medium", timeStyle: "short" });
}

/** The agenda: discussion points in the order to take them, each linking to its evidence. */
export function DiscussionPoints({ points, hrefBase = "" }: { points: DiscussionPoint[]; hrefBase?: string }) {
  if (points.length === 0) {
    return <p className={cn("text-sm", muted)}>Nothing to resolve: the panel agrees, every criterion was assessed and everyone committed to a recommendation.</p>;
  }
  return (
    <ol className="space-y-2" data-testid="discussion-points">
      {points.map((p, i) => (
        <li key={i} className="flex gap-3 text-sm" data-kind={p.kind}>
          <span className={cn("h-fit shrink-0 rounded px-1.5 py-0.5 text-xs font-medium", KIND_STYLE[p.kind])}>{KIND_LABEL[p.kind]}</span>
          <div>
            <p className="font-medium">
              {p.questionId ? (
                <a className="hover:underline" href={`${hrefBase}#evidence-${p.questionId}`}>
                  {p.headline}
                </a>
              ) : (
                p.headline
              )}
            </p>
            <p className={muted}>{p.detail}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}

/** Each panelist's recommendation, overall score and summary, side by side. */
export function PanelSideBySide({ report }: { report: InterviewReport }) {
  return (
    <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
      {report.panelists.map((p) => {
        const overall = report.overall.perPanelist.find((o) => o.panelistId === p.id);
        return (
          <Card key={p.id} className={cn("space-y-2", p.status !== "SUBMITTED" && "border-dashed")} data-testid="debrief-panelist">
            <div className="flex items-baseline justify-between gap-2">
              <p className="font-medium">
                {p.name}
                {p.isLead && <span className={cn("ml-1 text-xs font-normal", muted)}>(lead)</span>}
              </p>
              <p className="text-sm tabular-nums">{p.status === "SUBMITTED" ? formatScore(overall?.score) : "—"}</p>
            </div>
            <p className={cn("text-sm font-medium", p.status !== "SUBMITTED" && "text-amber-800 dark:text-amber-200")}>{recommendationOf(p)}</p>
            {p.status === "SUBMITTED" && (
              <p className={cn("whitespace-pre-wrap text-sm", !p.summary.trim() && muted)}>{p.summary.trim() || "No summary written."}</p>
            )}
          </Card>
        );
      })}
    </div>
  );
}

/** Per question: each panelist's levels (with the anchor they picked) and their notes on it, in columns. */
function EvidenceByQuestion({ report }: { report: InterviewReport }) {
  const submitted = report.panelists.filter((p) => p.status === "SUBMITTED");
  if (submitted.length === 0) return <p className={cn("text-sm", muted)}>No submitted scorecard yet.</p>;
  const notesOf = (panelistId: string, questionId: string | null) => report.notes.filter((n) => n.panelistId === panelistId && n.questionId === questionId);
  const general = submitted.some((p) => notesOf(p.id, null).length > 0);
  return (
    <div className="space-y-4">
      {report.questions.map((q) => (
        <Card key={q.id} id={`evidence-${q.id}`} className="scroll-mt-20 space-y-3">
          <h3 className="font-medium">
            Q{q.position + 1}. {q.title}
          </h3>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1.5 pr-3">Criterion</th>
                  {submitted.map((p) => (
                    <th key={p.id} scope="col" className="py-1.5 pr-3">{p.name}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {q.criteria.map((c) => (
                  <tr key={c.id} className={cn("border-b border-slate-100 align-top dark:border-slate-800", c.disagreement && "bg-orange-50 dark:bg-orange-950/40")}>
                    <th scope="row" className="py-1.5 pr-3 font-normal">
                      {c.title}
                      {c.assessedBy === 0 && <span className={cn("block text-xs", muted)}>Nobody assessed this</span>}
                    </th>
                    {c.scores.map((s) => (
                      <td key={s.panelistId} className="py-1.5 pr-3">
                        {s.level === null ? (
                          <NotAssessed />
                        ) : (
                          <>
                            <span className="font-medium tabular-nums">{s.level}</span>
                            <span className={cn("block text-xs", muted)}>{c.levels.find((l) => l.level === s.level)?.descriptor}</span>
                          </>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <NotesColumns panelists={submitted} notesOf={(id) => notesOf(id, q.id)} />
        </Card>
      ))}
      {general && (
        <Card className="space-y-3">
          <h3 className="font-medium">General notes</h3>
          <NotesColumns panelists={submitted} notesOf={(id) => notesOf(id, null)} />
        </Card>
      )}
    </div>
  );
}

function NotesColumns({ panelists, notesOf }: { panelists: ReportPanelist[]; notesOf: (panelistId: string) => InterviewReport["notes"] }) {
  if (!panelists.some((p) => notesOf(p.id).length > 0)) return null;
  return (
    <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
      {panelists.map((p) => {
        const notes = notesOf(p.id);
        return (
          <div key={p.id} className="text-sm">
            <p className="text-xs font-medium uppercase text-slate-500 dark:text-slate-400">{p.name}&apos;s notes</p>
            {notes.length === 0 ? (
              <p className={cn("text-xs", muted)}>None.</p>
            ) : (
              <ul className="space-y-1">
                {notes.map((n) => (
                  <li key={n.id}>
                    <time className="font-mono text-xs text-slate-500 dark:text-slate-400">{formatOffset(n.offsetSeconds)}</time>{" "}
                    <span className="whitespace-pre-wrap">{n.body}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}

function Waiting({ debrief }: { debrief: InterviewDebrief }) {
  const { report } = debrief;
  const submitted = report.panelists.filter((p) => p.status === "SUBMITTED").length;
  const missing = awaitedScorecards(report);
  return (
    <Card role="status" className="space-y-3" data-testid="debrief-waiting">
      <p className="text-sm">
        <strong>The debrief opens once every scorecard is in.</strong> {submitted} of {report.panelists.length} submitted; waiting for{" "}
        {missing.map((p) => p.name).join(", ")}.
      </p>
      {debrief.mayDecide ? (
        <AppLink className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300" href={`/reports/interviews/${report.interview.id}/debrief?early=1`}>
          Open the debrief early (marked partial)
        </AppLink>
      ) : (
        <p className={cn("text-sm", muted)}>A recruiter or admin can open it early.</p>
      )}
    </Card>
  );
}

/** The debrief of one interview: agenda first, then the panel and their evidence side by side, then the decision. */
export function InterviewDebriefView({ debrief, canOpenCandidate }: { debrief: InterviewDebrief; canOpenCandidate: boolean }) {
  const { report, state } = debrief;
  const submitted = report.panelists.filter((p) => p.status === "SUBMITTED").length;
  return (
    <article className="space-y-8">
      <header className="space-y-1">
        <p className={cn("text-sm", muted)}>Debrief</p>
        <CandidateHeading candidate={report.candidate} canOpenCandidate={canOpenCandidate} />
        <p className="text-sm">
          {report.interview.title} · {report.interview.kitName} · {whenOf(report)} ({report.interview.timeZone})
        </p>
        <p className="flex flex-wrap gap-4 text-sm">
          <AppLink className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/reports/interviews/${report.interview.id}`}>
            Full report
          </AppLink>
          {report.interview.kitId && (
            <AppLink
              className="text-indigo-700 hover:underline dark:text-indigo-300"
              href={`/reports/candidates/${report.candidate.id}/debrief?kit=${encodeURIComponent(report.interview.kitId)}`}
            >
              Debrief the whole loop
            </AppLink>
          )}
        </p>
      </header>

      {state === "waiting" ? (
        <Waiting debrief={debrief} />
      ) : (
        <>
          {state === "early" && (
            <div
              role="status"
              data-testid="debrief-partial"
              className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
            >
              <strong>Partial debrief, opened early.</strong> {submitted} of {report.panelists.length} scorecards submitted; everything here counts submitted
              scorecards only and may change.
            </div>
          )}
          <Section title="Discussion points" id="points">
            <DiscussionPoints points={debrief.points} />
          </Section>
          <Section title="The panel" id="panel">
            <PanelSideBySide report={report} />
          </Section>
          <Section title="Evidence by question" id="evidence">
            <EvidenceByQuestion report={report} />
          </Section>
          <Section title="Hiring decision" id="decision">
            <DecisionPanel interviewId={report.interview.id} decision={report.decision} canDecide={debrief.mayDecide} />
          </Section>
        </>
      )}
    </article>
  );
}

/** A candidate's loop with one kit: the loop's points, then each interview's panel and points, then the decision. */
export function LoopDebriefView({ loop, canOpenCandidate }: { loop: LoopDebrief; canOpenCandidate: boolean }) {
  const latest = loop.interviews.find((i) => i.report.interview.id === loop.decisionInterviewId)!.report;
  return (
    <article className="space-y-8">
      <header className="space-y-1">
        <p className={cn("text-sm", muted)}>Loop debrief · {loop.kitName}</p>
        <CandidateHeading candidate={loop.candidate} canOpenCandidate={canOpenCandidate} />
        <p className="text-sm">
          {loop.interviews.length} {loop.interviews.length === 1 ? "interview" : "interviews"} with this kit
        </p>
      </header>
      <Section title="Across the loop" id="loop-points">
        {loop.points.length === 0 ? (
          <p className={cn("text-sm", muted)}>The interviews do not point different ways, and every scorecard is in.</p>
        ) : (
          <DiscussionPoints points={loop.points} />
        )}
      </Section>
      {loop.interviews.map(({ report, points }) => (
        <section key={report.interview.id} aria-labelledby={`interview-${report.interview.id}`} className="space-y-3" data-testid="loop-interview">
          <h2 id={`interview-${report.interview.id}`} className="text-lg font-semibold text-slate-900 dark:text-slate-50">
            <AppLink className="hover:underline" href={debriefHref(report)}>
              {report.interview.title}
            </AppLink>{" "}
            <span className={cn("text-sm font-normal", muted)}>
              {whenOf(report)}
              {report.partial && " · partial"}
            </span>
          </h2>
          <PanelSideBySide report={report} />
          <DiscussionPoints points={points} hrefBase={debriefHref(report)} />
        </section>
      ))}
      <Section title="Hiring decision" id="decision">
        <p className={cn("text-sm", muted)}>
          Recorded on the loop&apos;s latest interview ({latest.interview.title}), which is what the kit comparison shows.
        </p>
        <DecisionPanel interviewId={latest.interview.id} decision={latest.decision} canDecide={loop.mayDecide} />
      </Section>
    </article>
  );
}
