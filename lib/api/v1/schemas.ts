import { z } from "zod";
import { DECISION_OUTCOMES } from "@/lib/decisions/schemas";
import { INTERVIEW_STATUSES } from "@/lib/interviews/schemas";
import { DIFFICULTIES, QUESTION_STATUSES } from "@/lib/questions/schemas";
import { RECOMMENDATIONS } from "@/lib/scoring/protocol";

/**
 * The public API's response shapes, as zod schemas: the OpenAPI document (lib/api/v1/openapi.ts)
 * is generated from them, and `Conforms` checks below make the compiler prove that what the
 * services return matches what is documented. Request schemas are the domains' own (the same
 * ones the pages' routes parse with). No server imports here.
 */

/**
 * Compile-time proof that a service's return type matches its documented schema: assignable to
 * it, and no top-level field the document does not list (`never` otherwise, so returning a value fails).
 */
export type Conforms<Actual extends Documented, Documented> = [Exclude<keyof Actual, keyof Documented>] extends [never] ? Actual : never;

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z
        .enum(["VALIDATION", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "RATE_LIMITED", "GONE", "TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "UNPROCESSABLE", "INTERNAL"])
        .meta({ description: "Stable machine-readable code; the HTTP status follows from it." }),
      message: z.string().meta({ description: "A sentence safe to show to a person." }),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Per field (dotted path), what is wrong." }),
      details: z.unknown().optional().meta({ description: "On a 409 conflict, the current value." }),
    }),
  })
  .meta({ id: "Error", description: "Every error has this body." });

const isoInstant = z.iso.datetime().meta({ description: "ISO 8601 instant in UTC." });

export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
    })
    .meta({ id });
}

export const idParamsSchema = z.object({ id: z.string().min(1).max(64).meta({ description: "The record's id." }) });

// Interviews

export const panelistSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    timeZone: z.string(),
    isLead: z.boolean(),
    scorecard: z.enum(["NONE", "DRAFT", "SUBMITTED"]).meta({ description: "The panelist's scorecard state (its content is read from /scorecards)." }),
  })
  .meta({ id: "Panelist" });

const interviewFields = {
  id: z.string(),
  title: z.string(),
  status: z.enum(INTERVIEW_STATUSES),
  startsAt: isoInstant,
  endsAt: isoInstant,
  timeZone: z.string().meta({ description: "The IANA zone the organizer chose." }),
  durationMinutes: z.number().int(),
  candidate: z.object({ id: z.string(), name: z.string().meta({ description: "A pseudonym in anonymized review." }), erased: z.boolean() }),
  kitName: z.string(),
  meetingUrl: z.string().nullable(),
  sequence: z.number().int().meta({ description: "The calendar invite's SEQUENCE; send it back to reschedule." }),
  panel: z.array(panelistSchema),
  questionCount: z.number().int(),
  updatedAt: isoInstant,
};

export const interviewSchema = z.object(interviewFields).meta({ id: "Interview" });

export const interviewDetailSchema = z
  .object({
    ...interviewFields,
    kitId: z.string().nullable(),
    overallAttributes: z.array(z.string()),
    questions: z.array(
      z.object({
        id: z.string(),
        position: z.number().int(),
        minutes: z.number().int(),
        questionVersionId: z.string(),
        title: z.string(),
        versionNumber: z.number().int(),
        difficulty: z.enum(["EASY", "MEDIUM", "HARD"]),
      }),
    ),
    cancelledAt: isoInstant.nullable(),
    createdAt: isoInstant,
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: "InterviewDetail" });

export const interviewPageSchema = pageSchema(interviewSchema, "InterviewPage");
export const interviewEnvelopeSchema = z.object({ interview: interviewDetailSchema }).meta({ id: "InterviewEnvelope" });
export const scheduleResultSchema = z
  .object({
    interview: interviewDetailSchema,
    warnings: z
      .array(
        z.object({
          userId: z.string(),
          name: z.string(),
          interviewId: z.string().meta({ description: "The other interview." }),
          title: z.string(),
          start: isoInstant,
          end: isoInstant,
          timeZone: z.string(),
          overlapMinutes: z.number().int(),
        }),
      )
      .meta({ description: "Panelists already busy then: scheduling went ahead; tell the organizer." }),
  })
  .meta({ id: "ScheduleResult" });

export type InterviewDocumented = z.output<typeof interviewSchema>;
export type InterviewDetailDocumented = z.output<typeof interviewDetailSchema>;
export type ScheduleResultDocumented = z.output<typeof scheduleResultSchema>;

// The key itself

export const meSchema = z
  .object({
    organization: z.object({ id: z.string(), name: z.string() }),
    apiKey: z.object({ id: z.string(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()) }),
  })
  .meta({ id: "Me" });

// Candidates

const candidateFields = {
  id: z.string(),
  name: z.string().meta({ description: "“Erased candidate” once erased." }),
  email: z.string().nullable(),
  roleApplied: z.string().nullable(),
  erased: z.boolean(),
  interviewCount: z.number().int(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
};

export const candidateSchema = z.object(candidateFields).meta({ id: "Candidate" });
export const candidateDetailSchema = z
  .object({
    ...candidateFields,
    links: z.array(z.string()),
    privateNotes: z.string().nullable(),
    erasedAt: isoInstant.nullable(),
    interviews: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kitName: z.string(),
        startsAt: isoInstant,
        timeZone: z.string(),
        status: z.enum(INTERVIEW_STATUSES),
        decision: z
          .object({ outcome: z.enum(["ADVANCE", "HIRE", "NO_HIRE", "HOLD"]), decidedAt: isoInstant })
          .nullable()
          .meta({ description: "The hiring decision on the interview; null without the reports:read scope." }),
      }),
    ).meta({ description: "The interviews the key may see (none without an interviews scope)." }),
  })
  .meta({ id: "CandidateDetail" });
export const candidatePageSchema = pageSchema(candidateSchema, "CandidatePage");
export const candidateEnvelopeSchema = z.object({ candidate: candidateDetailSchema }).meta({ id: "CandidateEnvelope" });
export const candidateExportSchema = z
  .object({
    format: z.literal("panelist.candidate"),
    version: z.literal(1),
    exportedAt: isoInstant,
    organization: z.string(),
    candidate: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      roleApplied: z.string().nullable(),
      links: z.array(z.string()),
      privateNotes: z.string().nullable(),
      createdAt: isoInstant,
      erasedAt: isoInstant.nullable(),
    }),
    interviews: z.array(z.record(z.string(), z.unknown())).meta({ description: "Each interview with its questions and every panelist's scorecard, scores and notes." }),
  })
  .meta({ id: "CandidateExport", description: "Everything held about the candidate, for a data-subject access request (GDPR art. 15)." });

export type CandidateDocumented = z.output<typeof candidateSchema>;
export type CandidateDetailDocumented = z.output<typeof candidateDetailSchema>;

// Questions and kits

const difficulty = z.enum(DIFFICULTIES);
const author = z.object({ id: z.string(), name: z.string() }).nullable();

export const questionSummarySchema = z
  .object({
    id: z.string(),
    externalKey: z.string().nullable().meta({ description: "Your own key for the question, if set on import." }),
    title: z.string(),
    status: z.enum(QUESTION_STATUSES),
    latestVersionNo: z.number().int(),
    lockVersion: z.number().int().meta({ description: "Send it back to update the question." }),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: "QuestionSummary" });

export const questionVersionSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    title: z.string(),
    prompt: z.string().meta({ description: "Markdown." }),
    difficulty,
    tags: z.array(z.string()),
    minutes: z.number().int(),
    followUps: z.array(z.string()),
    redFlags: z.array(z.string()),
    modelAnswer: z.string().nullable(),
    lab: z.string().nullable().meta({ description: "The demo lab the interview room offers with this version, if any." }),
    scale: z.object({ min: z.number().int(), max: z.number().int() }),
    criteria: z.array(
      z.object({
        key: z.string(),
        position: z.number().int(),
        title: z.string(),
        description: z.string(),
        weight: z.number(),
        levels: z.array(z.object({ level: z.number().int(), descriptor: z.string() })),
      }),
    ),
    createdAt: isoInstant,
    createdBy: author,
  })
  .meta({ id: "QuestionVersion", description: "One immutable version: interviews point at versions, so editing a question never changes a past interview." });

export const questionDetailSchema = z
  .object({
    id: z.string(),
    externalKey: z.string().nullable(),
    status: z.enum(QUESTION_STATUSES),
    lockVersion: z.number().int(),
    latestVersionNo: z.number().int(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
    inUse: z.boolean().meta({ description: "Whether a kit or an interview uses any of its versions." }),
    latest: questionVersionSchema,
  })
  .meta({ id: "Question" });

export const questionPageSchema = pageSchema(questionSummarySchema, "QuestionPage");
export const questionEnvelopeSchema = z.object({ question: questionDetailSchema }).meta({ id: "QuestionEnvelope" });
export const questionVersionsSchema = z
  .object({
    versions: z.array(
      z.object({
        id: z.string(),
        number: z.number().int(),
        title: z.string(),
        createdAt: isoInstant,
        createdBy: author,
        usedBy: z.object({ kitItems: z.number().int(), interviews: z.number().int() }),
      }),
    ),
  })
  .meta({ id: "QuestionVersions" });
export const questionVersionEnvelopeSchema = z.object({ version: questionVersionSchema }).meta({ id: "QuestionVersionEnvelope" });
export const questionVersionParamsSchema = idParamsSchema.extend({ number: z.coerce.number().int().min(1).max(2_147_483_647).meta({ description: "The version number, from 1." }) });

const kitFields = {
  id: z.string(),
  name: z.string(),
  role: z.string(),
  description: z.string(),
  itemCount: z.number().int(),
  totalMinutes: z.number().int(),
  overallAttributes: z.array(z.string()),
  archived: z.boolean(),
  updatedAt: isoInstant,
};
export const kitSummarySchema = z.object(kitFields).meta({ id: "KitSummary" });
export const kitDetailSchema = z
  .object({
    ...kitFields,
    lockVersion: z.number().int(),
    items: z.array(
      z.object({
        id: z.string(),
        position: z.number().int(),
        minutes: z.number().int(),
        questionVersionId: z.string(),
        questionId: z.string(),
        title: z.string(),
        difficulty,
        versionNumber: z.number().int(),
        latestVersionNumber: z.number().int(),
        questionArchived: z.boolean(),
      }),
    ),
  })
  .meta({ id: "Kit" });
export const kitListSchema = z.object({ kits: z.array(kitSummarySchema) }).meta({ id: "KitList" });
export const kitEnvelopeSchema = z.object({ kit: kitDetailSchema }).meta({ id: "KitEnvelope" });

export type QuestionSummaryDocumented = z.output<typeof questionSummarySchema>;
export type QuestionDetailDocumented = z.output<typeof questionDetailSchema>;
export type QuestionVersionDocumented = z.output<typeof questionVersionSchema>;
export type QuestionVersionsDocumented = z.output<typeof questionVersionsSchema>;
export type KitSummaryDocumented = z.output<typeof kitSummarySchema>;
export type KitDetailDocumented = z.output<typeof kitDetailSchema>;

// Hiring decisions and reports

export const decisionQuerySchema = z
  .object({
    interview_id: z.string().min(1).max(64).optional().meta({ description: "Only the decision on this interview." }),
    candidate_id: z.string().min(1).max(64).optional().meta({ description: "Only decisions on this candidate's interviews." }),
  })
  .refine((q) => q.interview_id !== undefined || q.candidate_id !== undefined, { message: "Give interview_id or candidate_id.", path: ["interview_id"] });

export const decisionListSchema = z
  .object({
    decisions: z.array(
      z.object({
        interviewId: z.string(),
        candidateId: z.string(),
        outcome: z.enum(DECISION_OUTCOMES),
        rationale: z.string().nullable().meta({ description: "Null in anonymized review (a key without candidates:read, when the organization turns it on)." }),
        decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
        decidedAt: isoInstant,
      }),
    ),
  })
  .meta({ id: "HiringDecisions" });

const reportCandidate = z.object({
  id: z.string(),
  label: z.string().meta({ description: "What to call the candidate: their name, or a stable pseudonym in anonymized review." }),
  name: z.string().nullable().meta({ description: "Null in anonymized review." }),
  email: z.string().nullable(),
  links: z.array(z.string()),
  roleApplied: z.string().nullable(),
  anonymized: z.boolean(),
  erased: z.boolean(),
});
const scale = z.object({ min: z.number().int(), max: z.number().int() });

export const interviewReportSchema = z
  .object({
    report: z
      .object({
        interview: z.object({ id: z.string(), title: z.string(), kitId: z.string().nullable(), kitName: z.string(), status: z.string(), startsAt: isoInstant, timeZone: z.string(), durationMinutes: z.number().int() }),
        candidate: reportCandidate,
        scale,
        panelists: z.array(z.record(z.string(), z.unknown())).meta({ description: "Each panelist with their scorecard's state, recommendation and summary; scores only from submitted scorecards (the blind rule)." }),
        partial: z.boolean().meta({ description: "True while any panelist has not submitted: the numbers may still change." }),
        empty: z.boolean(),
        questions: z.array(z.record(z.string(), z.unknown())).meta({ description: "Per question and criterion, each submitted panelist's level and the mean." }),
        overall: z.object({ score: z.number().nullable(), perPanelist: z.array(z.record(z.string(), z.unknown())), spread: z.number().nullable() }),
        coverage: z.object({ assessed: z.number().int(), total: z.number().int(), unassessed: z.array(z.object({ questionTitle: z.string(), criterionTitle: z.string(), criterionKey: z.string() })) }),
        recommendations: z.record(z.string(), z.number().int()),
      })
      .loose(),
  })
  .meta({ id: "InterviewReport", description: "The interview's report as the app shows it: only submitted scorecards count; anonymized review applies." });

export const candidateReportSchema = z
  .object({
    report: z.object({
      candidate: reportCandidate,
      scale,
      interviews: z.array(z.record(z.string(), z.unknown())).meta({ description: "Each completed interview's score, recommendations and whether it is partial." }),
      score: z.number().nullable().meta({ description: "Mean over interviews with a score, on the organization's scale." }),
    }),
  })
  .meta({ id: "CandidateReport" });

export type DecisionListDocumented = z.output<typeof decisionListSchema>;

// Scorecards

export const scorecardListSchema = z
  .object({
    scorecards: z.array(
      z.object({
        panelistId: z.string(),
        interviewer: z.object({ id: z.string(), name: z.string() }),
        isLead: z.boolean(),
        trainingStage: z.string().nullable().meta({ description: "The seat's interviewer-pool stage when scheduled (SHADOW, REVERSE_SHADOW, QUALIFIED), or null. Reports leave a shadow's scorecard out." }),
        status: z.enum(["NONE", "DRAFT", "SUBMITTED"]),
        submittedAt: isoInstant.nullable(),
        recommendation: z.enum(RECOMMENDATIONS).nullable().meta({ description: "Only once submitted." }),
        summary: z.string().nullable().meta({ description: "Only once submitted; in anonymized review the candidate's name, email and links are replaced by the pseudonym." }),
        scores: z
          .array(
            z.object({
              questionPosition: z.number().int(),
              questionTitle: z.string(),
              criterionKey: z.string(),
              criterionTitle: z.string(),
              level: z.number().int().nullable(),
              covered: z.boolean(),
            }),
          )
          .meta({ description: "Only once submitted: a draft never shows." }),
        attributes: z.array(z.object({ attribute: z.string(), level: z.number().int().nullable() })),
      }),
    ),
  })
  .meta({ id: "Scorecards" });

export type ScorecardListDocumented = z.output<typeof scorecardListSchema>;
