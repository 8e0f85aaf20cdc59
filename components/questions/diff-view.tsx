import { cn } from "@/lib/cn";
import type { FieldDiff, QuestionDiff } from "@/lib/questions/diff";

const ADDED = "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100";
const REMOVED = "bg-rose-100 text-rose-900 line-through dark:bg-rose-900/50 dark:text-rose-100";

function FieldChange({ field }: { field: FieldDiff }) {
  return (
    <div className="py-2">
      <h4 className="text-sm font-semibold">{field.label}</h4>
      {field.kind === "list" ? (
        <ul className="mt-1 space-y-0.5 text-sm">
          {field.parts.map((p, i) => (
            <li key={i} className={cn("rounded px-1", p.added && ADDED, p.removed && REMOVED)}>
              <span className="sr-only">{p.added ? "Added: " : p.removed ? "Removed: " : "Unchanged: "}</span>
              {p.added ? "+ " : p.removed ? "− " : "  "}
              {p.value}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 whitespace-pre-wrap text-sm">
          {field.parts.map((p, i) =>
            p.added ? (
              <ins key={i} className={cn("rounded no-underline", ADDED)}>
                <span className="sr-only">[added] </span>
                {p.value}
              </ins>
            ) : p.removed ? (
              <del key={i} className={cn("rounded", REMOVED)}>
                <span className="sr-only">[removed] </span>
                {p.value || "(empty)"}
              </del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </p>
      )}
    </div>
  );
}

/** A readable question diff: changed fields with word-level highlights, then criteria by key. */
export function DiffView({ diff, fromLabel, toLabel }: { diff: QuestionDiff; fromLabel: string; toLabel: string }) {
  if (diff.identical) return <p className="text-sm">{fromLabel} and {toLabel} have the same content.</p>;
  return (
    <div className="divide-y divide-slate-200 dark:divide-slate-700">
      <p className="pb-2 text-xs text-slate-600 dark:text-slate-400">
        <span className={cn("rounded px-1 line-through", REMOVED)}>{fromLabel}</span> →{" "}
        <span className={cn("rounded px-1", ADDED)}>{toLabel}</span>
      </p>
      {diff.fields.map((f) => (
        <FieldChange key={f.field} field={f} />
      ))}
      {diff.criteria.map((c) => (
        <div key={c.key} className="py-2">
          <h3 className="text-sm font-semibold">
            Criterion “{c.title || c.key}” —{" "}
            <span className={cn("rounded px-1", c.status === "added" && ADDED, c.status === "removed" && REMOVED)}>{c.status}</span>
          </h3>
          <div className="pl-4">
            {c.fields.map((f) => (
              <FieldChange key={f.field} field={f} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
