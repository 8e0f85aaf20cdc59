// The demo history's model, pure: who interviewed whom over the last six months, and what each
// panelist scored — drawn from a seeded PRNG (lib/lab/prng.ts), so every run plans the same
// history. lib/seed/history.ts enters the plan through the services; lib/seed/README.md tables
// the planted values below, so the analytics pages can be checked against them by eye.
//
// The model. Each candidate has a latent ability θ ~ N(0, 1). Each panelist's level for one
// criterion of one question is
//
//     level = clamp(round(center_q + discrimination_q·θ + answer + offset_c + severity_r + noise))
//
// on that question's own scale, where `answer` ~ N(0, ANSWER_SD) is the quality of this
// candidate's answer beyond their ability (shared by the panel: it heard the same answer),
// `offset_c` makes later criteria of a rubric a little harder, `severity_r` is the interviewer's
// planted leniency (+) or harshness (−), and `noise` ~ N(0, RATING_SD) is the panelist's own.
// A question with a small discrimination is answered well or badly regardless of ability: the
// panel still agrees on it (through `answer`), but it does not separate strong candidates from
// weak ones. A center above the scale's top makes a ceiling.
//
// Recommendations follow each panelist's own levels (so a harsh interviewer says no more often);
// hiring decisions follow the candidate's ability plus what the rest of the loop showed (noise).
import { DateTime } from "luxon";
import { createRng, deriveSeed, type Rng } from "@/lib/lab/prng";
import type { DecisionOutcomeName } from "@/lib/decisions/schemas";
import type { RecommendationName } from "@/lib/scoring/protocol";

export const HISTORY_SEED = 17_2026;
/** One candidate per interview. */
export const HISTORY_INTERVIEW_COUNT = 240;
/**
 * Interviews took place between these many days ago (a weekend moves one to the Friday before).
 * The newest is older than the demo's own interviews (Sam Rivera's, 14 days ago) and outside the
 * last 30 days that "Scorecards due" reads time to feedback over by default — a day to spare for
 * time zones — so the walk-through's lists and counts are unchanged. The oldest makes the span
 * over five months; all but the oldest few days fall in the analytics' default 180 days.
 */
export const HISTORY_WINDOW_DAYS = { newest: 32, oldest: 184 } as const;
export const HISTORY_DURATION_MINUTES = 60;
export const HISTORY_ROLE = "ML Engineer";
/** History candidates' addresses end with this (the walk-through's use example.com). */
export const HISTORY_EMAIL_DOMAIN = "example.org";

/** One interviewer's planted severity, in levels (+ lenient, − harsh), and how often they are drawn onto a panel (relative weight). */
export interface PlantedInterviewer {
  email: string;
  timeZone: string;
  severity: number;
  weight: number;
}

/**
 * Ten interviewers: Ivy and Ian from the walk-through (their zones are set by its step) and the
 * eight history interviewers of lib/seed/credentials.ts. Severities sum to 0.
 */
export const PLANTED_INTERVIEWERS: readonly PlantedInterviewer[] = [
  { email: "hana@panelist.dev", timeZone: "Asia/Tokyo", severity: 1.0, weight: 1.0 },
  { email: "marco@panelist.dev", timeZone: "Europe/Rome", severity: 0.7, weight: 1.2 },
  { email: "ivy@panelist.dev", timeZone: "Europe/Berlin", severity: 0.4, weight: 0.9 },
  { email: "priya@panelist.dev", timeZone: "Asia/Kolkata", severity: 0.2, weight: 1.0 },
  { email: "tomas@panelist.dev", timeZone: "America/Mexico_City", severity: 0.1, weight: 0.8 },
  { email: "grace@panelist.dev", timeZone: "America/Los_Angeles", severity: 0.0, weight: 1.3 },
  { email: "olu@panelist.dev", timeZone: "Africa/Lagos", severity: -0.2, weight: 0.9 },
  { email: "ian@panelist.dev", timeZone: "America/New_York", severity: -0.5, weight: 0.9 },
  { email: "freya@panelist.dev", timeZone: "Europe/Stockholm", severity: -0.7, weight: 1.1 },
  { email: "zofia@panelist.dev", timeZone: "Europe/Warsaw", severity: -1.0, weight: 1.0 },
];

/**
 * A question's planted difficulty (center: the level of an average answer, before clamping),
 * discrimination (levels per SD of ability) and, where it differs from ANSWER_SD, how much the
 * answer varies for other reasons (a question recited from memory: large).
 */
export interface PlantedQuestion {
  center: number;
  discrimination: number;
  answerSd?: number;
  /** How a summary or rationale names it. */
  topic: string;
}

export const PLANTED_QUESTIONS: Readonly<Record<string, PlantedQuestion>> = {
  // The demo kit ("ML Engineer — onsite deep learning").
  "dl-batch-norm": { center: 2.0, discrimination: 1.0, topic: "batch normalization" },
  "ml-bias-variance": { center: 2.3, discrimination: 0.8, topic: "bias and variance" },
  "dl-face-search-10m": { center: 1.6, discrimination: 1.2, topic: "face search at scale" },
  // Ceiling: nearly everyone spots the accuracy trap.
  "ml-classification-metrics": { center: 5.0, discrimination: 0.4, topic: "classification metrics" },
  // "ML Engineer — training dynamics".
  "dl-vanishing-exploding-gradients": { center: 2.0, discrimination: 0.9, topic: "vanishing and exploding gradients" },
  // Nearly useless: recited from memory by strong and weak candidates alike.
  "dl-dropout": { center: 2.2, discrimination: 0.05, answerSd: 1.3, topic: "dropout" },
  "dl-optimizers-momentum-adam": { center: 2.1, discrimination: 0.7, topic: "optimizers" },
  "dl-learning-rate-schedules": { center: 1.9, discrimination: 0.6, topic: "learning-rate schedules" },
  // "ML Engineer — transfer, vision and language".
  "dl-transfer-learning": { center: 2.5, discrimination: 0.8, topic: "transfer learning" },
  "cnn-receptive-field": { center: 2.0, discrimination: 0.9, topic: "receptive fields" },
  "nlp-attention-transformers": { center: 1.8, discrimination: 1.2, topic: "attention" },
  // Nearly useless.
  "ml-l1-vs-l2": { center: 2.6, discrimination: 0.05, answerSd: 0.9, topic: "L1 vs L2 regularization" },
};

/** Added to a criterion's level by its position in the rubric: later criteria are a little harder. */
export const CRITERION_OFFSETS = [0.3, 0, -0.2, -0.4] as const;
export const ANSWER_SD = 0.45;
export const RATING_SD = 0.55;
/** Overall attributes: level = clamp(round(ATTRIBUTE_CENTER + ATTRIBUTE_DISCRIMINATION·θ + severity + N(0, RATING_SD))). */
export const ATTRIBUTE_CENTER = 2;
export const ATTRIBUTE_DISCRIMINATION = 0.6;

/** Criteria left unassessed. */
export const MISSING = {
  /** Any one criterion, by one panelist. */
  perCriterion: 0.075,
  /** A panelist ran out of time and left the kit's last question unscored. */
  lastQuestion: 0.05,
  /** One criterion that is often skipped: low coverage on the question analytics. */
  rarelyAsked: { question: "dl-face-search-10m", criterion: "exact-cost", share: 0.5 },
} as const;

/** Share of panels with three interviewers (the rest have two). */
export const THREE_PANEL_SHARE = 0.45;

/**
 * A panelist's recommendation from their own mean normalized level v (0 = every assessed
 * criterion at the bottom, 1 = at the top): below `strongNo` strong no, below `yes` no, below
 * `strongYes` yes, else strong yes — and "No decision" within `noDecisionBand` of the yes/no cut.
 */
export const RECOMMENDATION_CUTS = { strongNo: 0.3, yes: 0.5, strongYes: 0.72, noDecisionBand: 0.02 } as const;

/** Each scorecard is submitted exp(ln(median) + sd·N(0, 1)) hours after the scheduled end, between 6 minutes and 4 days. */
export const SUBMIT_MEDIAN_HOURS = 3;
export const SUBMIT_LOG_SD = 1.3;

/** Share of interviews with a recorded hiring decision. */
export const DECISION_SHARE = 0.88;
/** The decision's z = θ + N(0, DECISION_NOISE_SD): hire above `hire`, advance above `advance`, hold above `hold`, else no hire. */
export const DECISION_NOISE_SD = 0.5;
export const DECISION_CUTS = { hire: 1.1, advance: 0.4, hold: 0.1 } as const;

// Candidate names: first × last, drawn without repeats. None shares a first or last name with
// the walk-through's candidates (Alex Kim, Sam Rivera, Jordan Lee), so links found by name still
// find theirs.
const FIRST_NAMES = [
  "Aaliyah", "Abel", "Ada", "Aiden", "Amara", "Anika", "Arjun", "Beatriz", "Bruno", "Carmen", "Chen", "Chloé", "Dario", "Dev", "Elena",
  "Emeka", "Eric", "Fatima", "Felix", "Gabriel", "Hamid", "Hugo", "Ines", "Isaac", "Jae", "Jonas", "José", "Kaito", "Kamala", "Lars",
  "Layla", "Leon", "Lin", "Mateo", "Maya", "Mei", "Mina", "Nadia", "Nikhil", "Noah", "Omar", "Pablo", "Rafael", "Rosa", "Ruth",
  "Sofia", "Tariq", "Tessa", "Uma", "Viktor", "Wen", "Yara", "Yusuf", "Zara",
] as const;
const LAST_NAMES = [
  "Abara", "Andersen", "Bauer", "Bose", "Castillo", "Chowdhury", "Costa", "Dubois", "Eriksen", "Fischer", "Fontaine", "García", "Gupta",
  "Haddad", "Hoffmann", "Ibrahim", "Ivanova", "Jansen", "Kowalski", "Kruger", "Laine", "Mahmoud", "Marino", "Mendes", "Mensah", "Moreau",
  "Nakamura", "Novak", "Okonkwo", "Park", "Petrov", "Quinn", "Rahman", "Rossi", "Santos", "Schmidt", "Shah", "Silva", "Takahashi",
  "Tan", "Ueda", "Varga", "Wagner", "Walsh", "Wang", "Weiss", "Yamada", "Yilmaz", "Zhang", "Zimmer",
] as const;

/** A kit as the plan needs it: its questions in interview order, each with its own scale and rubric. */
export interface PlanKit {
  name: string;
  overallAttributes: readonly string[];
  questions: readonly { key: string; scale: { min: number; max: number }; criteria: readonly string[] }[];
}

export interface PlannedCard {
  email: string;
  /** question key → criterion key → level; null: not assessed. */
  levels: Record<string, Record<string, number | null>>;
  attributes: Record<string, number>;
  recommendation: RecommendationName;
  summary: string;
  /** Submitted this many hours after the interview's scheduled end. */
  submitHoursAfterEnd: number;
}

export interface PlannedInterview {
  index: number;
  candidate: { name: string; email: string; roleApplied: string };
  /** The candidate's latent ability (never stored: what the analytics should recover). */
  ability: number;
  kitName: string;
  /** The lead's zone: the interview is in their working hours. */
  timeZone: string;
  startsAt: Date;
  /** Scheduled this many days before it took place. */
  scheduledDaysBefore: number;
  /** Lead first. */
  panel: PlannedCard[];
  decision: { outcome: DecisionOutcomeName; rationale: string; daysAfterEnd: number; by: "recruiter" | "owner" } | null;
}

export interface PlanInput {
  /** Dates count back from here; nothing else depends on it. */
  now: Date;
  /** Kits in rotation order (interview i uses kits[i % kits.length]). */
  kits: readonly PlanKit[];
  attributeScale: { min: number; max: number };
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

/** Draws k distinct items, each with probability proportional to its weight among those left. */
function weightedSample<T extends { weight: number }>(rng: Rng, items: readonly T[], k: number): T[] {
  const left = [...items];
  const out: T[] = [];
  while (out.length < k && left.length) {
    let r = rng.next() * left.reduce((s, x) => s + x.weight, 0);
    let i = 0;
    while (i < left.length - 1 && (r -= left[i]!.weight) >= 0) i++;
    out.push(left.splice(i, 1)[0]!);
  }
  return out;
}

function recommendationFor(v: number): RecommendationName {
  const c = RECOMMENDATION_CUTS;
  if (Math.abs(v - c.yes) < c.noDecisionBand) return "NO_DECISION";
  if (v < c.strongNo) return "STRONG_NO";
  if (v < c.yes) return "NO";
  if (v < c.strongYes) return "YES";
  return "STRONG_YES";
}

const RECOMMENDATION_LINES: Record<RecommendationName, string> = {
  STRONG_YES: "Clear yes for this loop.",
  YES: "Leaning yes.",
  NO_DECISION: "Could go either way; I would want another signal.",
  NO: "Leaning no.",
  STRONG_NO: "Not ready for this role.",
};

const DECISION_LINES: Record<DecisionOutcomeName, string> = {
  HIRE: "Strong loop; extend an offer.",
  ADVANCE: "Good signal; move on to the system-design round.",
  HOLD: "Mixed signal; hold until the other finalists are through.",
  NO_HIRE: "Below the bar for this role.",
};

const TALLY_WORDS: [RecommendationName, string][] = [
  ["STRONG_YES", "strong yes"],
  ["YES", "yes"],
  ["NO_DECISION", "no decision"],
  ["NO", "no"],
  ["STRONG_NO", "strong no"],
];

/** "2 yes, 1 no" */
function tally(recommendations: readonly RecommendationName[]): string {
  return TALLY_WORDS.flatMap(([r, word]) => {
    const n = recommendations.filter((x) => x === r).length;
    return n ? [`${n} ${word}`] : [];
  }).join(", ");
}

/** The day `daysAgo` days before `now` in `zone`, moved back to the Friday before if it falls on a weekend, at hour:minute there. */
function weekdayAt(now: Date, zone: string, daysAgo: number, hour: number, minute: number): Date {
  let day = DateTime.fromJSDate(now).setZone(zone).startOf("day").minus({ days: daysAgo });
  if (day.weekday > 5) day = day.minus({ days: day.weekday - 5 });
  return day.set({ hour, minute }).toUTC().toJSDate();
}

function candidateNames(count: number): { name: string; email: string }[] {
  const rng = createRng(deriveSeed(HISTORY_SEED, "names"));
  const seen = new Set<string>();
  const out: { name: string; email: string }[] = [];
  while (out.length < count) {
    const first = FIRST_NAMES[rng.int(FIRST_NAMES.length)]!;
    const last = LAST_NAMES[rng.int(LAST_NAMES.length)]!;
    const name = `${first} ${last}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const ascii = (s: string) => s.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase();
    out.push({ name, email: `${ascii(first)}.${ascii(last)}@${HISTORY_EMAIL_DOMAIN}` });
  }
  return out;
}

/** The whole history, oldest interview first. Same input kits and scales → same plan, whatever `now`. */
export function planDemoHistory(input: PlanInput): PlannedInterview[] {
  const names = candidateNames(HISTORY_INTERVIEW_COUNT);
  const byEmail = new Map(PLANTED_INTERVIEWERS.map((p) => [p.email, p]));
  const { newest, oldest } = HISTORY_WINDOW_DAYS;
  const out: PlannedInterview[] = [];
  for (let index = 0; index < HISTORY_INTERVIEW_COUNT; index++) {
    // One stream per interview: changing one interview's draws never reshuffles the others.
    const rng = createRng(deriveSeed(HISTORY_SEED, `interview-${index}`));
    const kit = input.kits[index % input.kits.length]!;
    const ability = rng.normal();
    const panelSize = rng.next() < THREE_PANEL_SHARE ? 3 : 2;
    const panel = weightedSample(rng, PLANTED_INTERVIEWERS, panelSize);
    const lead = panel[0]!;
    const daysAgo = Math.round(oldest - ((oldest - newest) * index) / (HISTORY_INTERVIEW_COUNT - 1));
    const hour = 9 + rng.int(8);
    const minute = rng.next() < 0.5 ? 0 : 30;
    const scheduledDaysBefore = 2 + rng.int(12);
    const answers = kit.questions.map((q) => rng.normal() * (PLANTED_QUESTIONS[q.key]?.answerSd ?? ANSWER_SD));

    const cards: PlannedCard[] = panel.map((p) => {
      const levels: PlannedCard["levels"] = {};
      let normalized = 0;
      let assessed = 0;
      let best: { topic: string; v: number } | null = null;
      let worst: { topic: string; v: number } | null = null;
      kit.questions.forEach((q, qi) => {
        const planted = PLANTED_QUESTIONS[q.key];
        if (!planted) throw new Error(`Demo history: no planted values for question "${q.key}".`);
        const skipped = qi === kit.questions.length - 1 && rng.next() < MISSING.lastQuestion;
        const row: Record<string, number | null> = {};
        let sum = 0;
        let n = 0;
        q.criteria.forEach((criterion, ci) => {
          const noise = rng.normal() * RATING_SD;
          const skip = rng.next();
          const rare = MISSING.rarelyAsked.question === q.key && MISSING.rarelyAsked.criterion === criterion;
          if (skipped || skip < (rare ? MISSING.rarelyAsked.share : MISSING.perCriterion)) {
            row[criterion] = null;
            return;
          }
          const offset = CRITERION_OFFSETS[Math.min(ci, CRITERION_OFFSETS.length - 1)]!;
          const latent = planted.center + planted.discrimination * ability + answers[qi]! + offset + p.severity + noise;
          const level = clamp(Math.round(latent), q.scale.min, q.scale.max);
          row[criterion] = level;
          const v = (level - q.scale.min) / (q.scale.max - q.scale.min);
          sum += v;
          n++;
        });
        levels[q.key] = row;
        normalized += sum;
        assessed += n;
        if (n) {
          const v = sum / n;
          if (!best || v > best.v) best = { topic: planted.topic, v };
          if (!worst || v < worst.v) worst = { topic: planted.topic, v };
        }
      });
      const attributes: Record<string, number> = {};
      for (const attribute of kit.overallAttributes) {
        const latent = ATTRIBUTE_CENTER + ATTRIBUTE_DISCRIMINATION * ability + p.severity + rng.normal() * RATING_SD;
        attributes[attribute] = clamp(Math.round(latent), input.attributeScale.min, input.attributeScale.max);
      }
      const recommendation = recommendationFor(assessed ? normalized / assessed : 0.5);
      const b = best as { topic: string; v: number } | null;
      const w = worst as { topic: string; v: number } | null;
      const detail = b && w && b.topic !== w.topic ? ` Strongest on ${b.topic}; weakest on ${w.topic}.` : "";
      // Hours after the end: log-normal, a median of three, about one in twenty a day or more late.
      const submitHoursAfterEnd = Math.round(clamp(Math.exp(Math.log(SUBMIT_MEDIAN_HOURS) + SUBMIT_LOG_SD * rng.normal()), 0.1, 96) * 60) / 60;
      return { email: p.email, levels, attributes, recommendation, summary: `${RECOMMENDATION_LINES[recommendation]}${detail}`, submitHoursAfterEnd };
    });

    const decided = rng.next() < DECISION_SHARE;
    const z = ability + rng.normal() * DECISION_NOISE_SD;
    const outcome: DecisionOutcomeName = z >= DECISION_CUTS.hire ? "HIRE" : z >= DECISION_CUTS.advance ? "ADVANCE" : z >= DECISION_CUTS.hold ? "HOLD" : "NO_HIRE";
    const daysAfterEnd = 1 + rng.int(4);
    const by = rng.next() < 0.8 ? "recruiter" : "owner";
    out.push({
      index,
      candidate: { ...names[index]!, roleApplied: HISTORY_ROLE },
      ability,
      kitName: kit.name,
      timeZone: byEmail.get(lead.email)!.timeZone,
      startsAt: weekdayAt(input.now, lead.timeZone, daysAgo, hour, minute),
      scheduledDaysBefore,
      panel: cards,
      decision: decided ? { outcome, rationale: `${DECISION_LINES[outcome]} Panel: ${tally(cards.map((c) => c.recommendation))}.`, daysAfterEnd, by } : null,
    });
  }
  return out;
}
