// The recorded hiring decision; roles that decide also get the form (decision-form.tsx).
import { DECISION_LABELS, type DecisionView } from "@/lib/decisions/schemas";
import { DecisionForm } from "./decision-form";

export function DecisionPanel({ interviewId, decision, canDecide }: { interviewId: string; decision: DecisionView | null; canDecide: boolean }) {
  return (
    <div className="space-y-3" data-testid="decision">
      {decision ? (
        <div className="text-sm">
          <p>
            <strong>{DECISION_LABELS[decision.outcome]}</strong> — recorded by {decision.decidedBy ?? "a former member"} on{" "}
            <time dateTime={decision.decidedAt}>{decision.decidedAt.slice(0, 10)}</time>
          </p>
          <p className="mt-1 whitespace-pre-wrap text-slate-700 dark:text-slate-300">{decision.rationale}</p>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No decision recorded yet.</p>
      )}
      {canDecide && <DecisionForm interviewId={interviewId} decision={decision} />}
    </div>
  );
}
