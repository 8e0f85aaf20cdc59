"use client";

import { AppLink } from "@/components/ui/app-link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { buttonClasses, Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ApiError } from "@/lib/api/fetch-json";
import { searchParamsOf, useQuestionSearch, useQuestionTags } from "@/lib/questions/hooks";
import { BANK_ANALYTICS_SORTS, type BankQuestionFigures } from "@/lib/analytics/bank-figures";
import { useBankQuestionFigures } from "@/lib/analytics/hooks";
import { SEARCH_DEBOUNCE_MS } from "@/lib/search/use-debounced";
import {
  DIFFICULTIES,
  DIFFICULTY_LABELS,
  QUESTION_STATUSES,
  STATUS_LABELS,
  type DifficultyName,
  type QuestionSort,
  type QuestionStatusName,
} from "@/lib/questions/schemas";
import { DifficultyBadge, SimilarBadge, StatusBadge, TagList } from "./badges";
import { HighlightedText } from "./highlighted-text";

export interface BankSearch {
  q: string;
  tags: string[];
  difficulty: DifficultyName[];
  status: QuestionStatusName[];
  sort?: QuestionSort;
  page: number;
}

const SORT_LABELS: Record<QuestionSort, string> = {
  relevance: "Best match",
  updated: "Recently updated",
  created: "Newest",
  title: "Title A–Z",
  difficulty: "Difficulty",
  discrimination: "Most discriminating",
  agreement: "Least agreed",
};

const figure = (v: number | null) => (v === null ? "—" : v.toFixed(2));

/** A question's analytics columns: how well it separates candidates, and how alike panelists score it. */
function QuestionFigures({ figures, days }: { figures: BankQuestionFigures | undefined; days: number }) {
  if (!figures) return <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Not scored in an interview in the last {days} days.</p>;
  return (
    <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400" data-testid="bank-figures">
      <div className="flex gap-1" title={`Corrected item-total correlation over ${figures.discriminationN} interviews`}>
        <dt>Discrimination</dt>
        <dd className="font-medium tabular-nums text-slate-900 dark:text-slate-100">{figure(figures.discrimination)}</dd>
      </div>
      <div className="flex gap-1" title={`Krippendorff's alpha (ordinal) over ${figures.alphaUnits} answers scored by two or more panelists`}>
        <dt>Agreement (α)</dt>
        <dd className="font-medium tabular-nums text-slate-900 dark:text-slate-100">{figure(figures.alpha)}</dd>
      </div>
      <div className="flex gap-1">
        <dt className="sr-only">Based on</dt>
        <dd>
          v{figures.versionNumber}, {figures.interviews} interview{figures.interviews === 1 ? "" : "s"}
        </dd>
      </div>
    </dl>
  );
}

const PAGE_SIZE = 20;

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/**
 * The bank: search as you type (debounced), filters, sort and pages, all mirrored in the URL.
 * `analytics` (analytics.questions): each question shows its discrimination and agreement from the
 * precomputed snapshot, and the bank sorts by them.
 */
export function QuestionBank({ initial, canWrite, analytics = false }: { initial: BankSearch; canWrite: boolean; analytics?: boolean }) {
  const pathname = usePathname();
  const [search, setSearch] = useState<BankSearch>(initial);
  const [typed, setTyped] = useState(initial.q);
  const ids = { q: useId(), sort: useId(), status: useId() };

  // Debounce typing; any other change applies at once. A stale request is cancelled (the
  // query's AbortSignal) and the last results stay on screen until the next ones arrive.
  useEffect(() => {
    const t = setTimeout(() => setSearch((s) => (s.q === typed.trim() ? s : { ...s, q: typed.trim(), page: 1 })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [typed]);

  // The URL mirrors the search through the history API: a router navigation would render the
  // page on the server again for every keystroke. The address the page was opened with stays
  // until the search changes.
  const arrived = useRef(search);
  useEffect(() => {
    if (search === arrived.current) return;
    const qs = searchParamsOf(search).toString();
    const url = qs ? `${pathname}?${qs}` : pathname;
    if (`${window.location.pathname}${window.location.search}` !== url) window.history.replaceState(window.history.state, "", url);
  }, [search, pathname]);

  const result = useQuestionSearch({ ...search, pageSize: PAGE_SIZE });
  const tags = useQuestionTags();
  const figures = useBankQuestionFigures(analytics);
  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const update = (patch: Partial<BankSearch>) => setSearch((s) => ({ ...s, ...patch, page: patch.page ?? 1 }));
  const error = result.error instanceof ApiError ? result.error : null;

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
      <aside aria-label="Filters" className="space-y-5">
        <fieldset>
          <legend className="mb-1 text-sm font-semibold">Difficulty</legend>
          {DIFFICULTIES.map((d) => (
            <label key={d} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={search.difficulty.includes(d)} onChange={() => update({ difficulty: toggle(search.difficulty, d) })} />
              {DIFFICULTY_LABELS[d]}
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor={ids.status} className="mb-1 block text-sm font-semibold">
            Status
          </label>
          <Select
            id={ids.status}
            value={search.status.length === 1 ? search.status[0] : ""}
            onChange={(e) => update({ status: e.target.value ? [e.target.value as QuestionStatusName] : [] })}
          >
            <option value="">Draft and active</option>
            {QUESTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]} only
              </option>
            ))}
          </Select>
        </div>
        <fieldset>
          <legend className="mb-1 text-sm font-semibold">Tags</legend>
          {tags.isPending && <p className="text-sm text-slate-500 dark:text-slate-400">Loading tags…</p>}
          {tags.data?.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">No tags yet.</p>}
          <div className="max-h-72 space-y-0.5 overflow-y-auto">
            {[...new Set([...search.tags, ...(tags.data?.map((t) => t.tag) ?? [])])].map((tag) => (
              <label key={tag} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={search.tags.includes(tag)} onChange={() => update({ tags: toggle(search.tags, tag) })} />
                <span className="font-mono">{tag}</span>
                <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">{tags.data?.find((t) => t.tag === tag)?.count ?? ""}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {(search.tags.length > 0 || search.difficulty.length > 0 || search.status.length > 0) && (
          <Button variant="ghost" size="sm" onClick={() => update({ tags: [], difficulty: [], status: [] })}>
            Clear filters
          </Button>
        )}
      </aside>

      <section aria-label="Questions" className="min-w-0 space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <label htmlFor={ids.q} className="mb-1 block text-sm font-semibold">
              Search questions
            </label>
            <Input
              id={ids.q}
              type="search"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder='e.g. attention "vanishing gradients" -rnn'
              autoComplete="off"
            />
          </div>
          <div>
            <label htmlFor={ids.sort} className="mb-1 block text-sm font-semibold">
              Sort by
            </label>
            <Select id={ids.sort} value={data?.sort ?? search.sort ?? ""} onChange={(e) => update({ sort: e.target.value as QuestionSort })}>
              {(Object.keys(SORT_LABELS) as QuestionSort[])
                .filter((s) => (s !== "relevance" || search.q) && (analytics || !(BANK_ANALYTICS_SORTS as readonly string[]).includes(s)))
                .map((s) => (
                  <option key={s} value={s}>
                    {SORT_LABELS[s]}
                  </option>
                ))}
            </Select>
          </div>
          {canWrite && (
            <>
              <AppLink href="/questions/new" className={buttonClasses("primary")}>
                New question
              </AppLink>
              <AppLink href="/questions/import" className={buttonClasses("secondary")}>
                Import / export
              </AppLink>
            </>
          )}
        </div>

        <FormError message={error?.message} />
        <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {result.isPending
            ? "Searching…"
            : data
              ? data.totalCapped
                ? `More than ${data.total.toLocaleString("en")} questions${data.sort === "relevance" ? ` — ranked among the ${data.total.toLocaleString("en")} most recently updated matches` : ""}; add words or filters to narrow it down`
                : `${data.total.toLocaleString("en")} question${data.total === 1 ? "" : "s"}`
              : ""}
          {result.isFetching && !result.isPending ? " · updating…" : ""}
        </p>
        {figures.data && (
          <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="bank-figures-freshness">
            Discrimination and agreement over the last {figures.data.meta.period.days} days, as of{" "}
            <time dateTime={figures.data.meta.computedAt}>{figures.data.meta.computedAt.slice(0, 16).replace("T", " ")} UTC</time>
            {figures.data.meta.stale ? " — newer scores are being added." : "."}
          </p>
        )}

        {/* data-query: the search whose results are on screen (the search benchmark waits for it). */}
        <ol className="space-y-3" aria-busy={result.isFetching} data-testid="bank-results" data-query={data && !result.isPlaceholderData ? search.q : undefined}>
          {data?.items.map((item) => (
            <li key={item.id}>
              <Card className="p-4">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h2 className="text-base font-semibold">
                    <AppLink href={`/questions/${item.id}`} className="hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                      <HighlightedText segments={item.titleHighlight} />
                    </AppLink>
                  </h2>
                  <div className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
                    {item.matchedBy === "similar" && <SimilarBadge />}
                    <DifficultyBadge difficulty={item.difficulty} />
                    {item.status !== "ACTIVE" && <StatusBadge status={item.status} />}
                    <span>{item.minutes} min</span>
                    <span>v{item.latestVersionNo}</span>
                  </div>
                </div>
                {item.snippet.length > 0 && (
                  <p className="mt-1 line-clamp-3 text-sm text-slate-700 dark:text-slate-300">
                    <HighlightedText segments={item.snippet} />
                  </p>
                )}
                <div className="mt-2">
                  <TagList tags={item.tags} />
                </div>
                {figures.data && <QuestionFigures figures={figures.data.byQuestion.get(item.id)} days={figures.data.meta.period.days} />}
              </Card>
            </li>
          ))}
        </ol>
        {data && data.total === 0 && (
          <Card>
            <p className="text-sm">
              No questions match{search.q ? ` “${search.q}”` : ""}. Try fewer words or clear the filters
              {canWrite ? ", or create a new question" : ""}.
            </p>
          </Card>
        )}

        {data && pages > 1 && (
          <nav aria-label="Pages" className="flex items-center justify-between">
            <Button variant="secondary" size="sm" disabled={search.page <= 1} onClick={() => update({ page: search.page - 1 })}>
              Previous
            </Button>
            <span className="text-sm">
              Page {search.page} of {pages.toLocaleString("en")}
            </span>
            <Button variant="secondary" size="sm" disabled={search.page >= pages} onClick={() => update({ page: search.page + 1 })}>
              Next
            </Button>
          </nav>
        )}
      </section>
    </div>
  );
}
