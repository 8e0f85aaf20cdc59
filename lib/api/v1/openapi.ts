import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { API_SCOPES, type GrantableScope } from "@/lib/api-keys/scopes";
import { candidateInputSchema, eraseCandidateSchema } from "@/lib/candidates/schemas";
import { kitListQuerySchema } from "@/lib/kits/schemas";
import { createQuestionSchema, updateQuestionSchema } from "@/lib/questions/schemas";
import { cancelInterviewSchema, rescheduleInterviewSchema, scheduleInterviewSchema } from "@/lib/interviews/schemas";
import { PAGE_LIMITS, pageQuerySchema } from "./pagination";
import {
  scorecardListSchema,
  candidateReportSchema,
  decisionListSchema,
  decisionQuerySchema,
  interviewReportSchema,
  kitEnvelopeSchema,
  kitListSchema,
  questionEnvelopeSchema,
  questionPageSchema,
  questionVersionEnvelopeSchema,
  questionVersionParamsSchema,
  questionVersionsSchema,
  candidateEnvelopeSchema, candidateExportSchema, candidatePageSchema, errorBodySchema, idParamsSchema, meSchema, interviewEnvelopeSchema, interviewPageSchema, scheduleResultSchema } from "./schemas";

/**
 * The public API's OpenAPI 3.1 document, generated from the same zod schemas the routes parse
 * with and the services' outputs are checked against (lib/api/v1/schemas.ts). Every v1 operation
 * is listed once in API_OPERATIONS; tests/unit/api-v1-openapi.test.ts fails when a route file
 * under app/api/v1 has no operation here, or an operation no route — and when their scopes differ.
 */

export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path, `{id}` for a dynamic segment (the route file's `[id]`). */
  path: string;
  /** The scope a key needs; "any" for any valid key; "public" for no key at all (the document itself). */
  scope: GrantableScope | "any" | "public";
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Creates accept an Idempotency-Key header. */
  idempotent?: boolean;
  success: { status: 200 | 201; description: string; schema: z.ZodType };
  /** Error statuses besides the ones every keyed operation has (400, 401, 403, 429). */
  errors?: Array<404 | 409 | 410 | 422>;
}

const json = (schema: z.ZodType) => ({ "application/json": { schema } });

type Success = ApiOperation["success"];
const ok = (description: string, schema: z.ZodType): Success => ({ status: 200, description, schema });
const created = (description: string, schema: z.ZodType): Success => ({ status: 201, description, schema });

/** The operations listed under one tag of the reference, in this order. */
const tagged = (tag: string, ops: Array<Omit<ApiOperation, "tag">>): ApiOperation[] => ops.map((op) => ({ ...op, tag }));

/**
 * One operation, from "METHOD /path", its scope and summary. A path with a record in it (`{id}`)
 * takes idParamsSchema unless `params` says otherwise, and answers 404 for a record the key's
 * organization does not have.
 */
function op(
  route: `${Uppercase<HttpMethod>} /api/v1/${string}`,
  scope: ApiOperation["scope"],
  summary: string,
  rest: Omit<ApiOperation, "method" | "path" | "scope" | "summary" | "tag">,
): Omit<ApiOperation, "tag"> {
  const [method, path] = route.split(" ") as [Uppercase<HttpMethod>, string];
  const onRecord = path.includes("{");
  return {
    method: method.toLowerCase() as HttpMethod,
    path,
    scope,
    summary,
    ...(onRecord ? { params: idParamsSchema } : {}),
    ...rest,
    ...(onRecord ? { errors: [404, ...(rest.errors ?? [])] } : {}),
  };
}

export const API_OPERATIONS: ApiOperation[] = [
  ...tagged("Reference", [
    op("GET /api/v1/openapi.json", "public", "This document", {
      description: "The OpenAPI 3.1 description of the API. A readable version is in the app under /docs/api.",
      success: ok("The OpenAPI document.", z.record(z.string(), z.unknown())),
    }),
    op("GET /api/v1/me", "any", "The key making the request", {
      description: "Its organization, name, prefix and scopes: a cheap way to check a key.",
      success: ok("The key.", meSchema),
    }),
  ]),
  ...tagged("Interviews", [
    op("GET /api/v1/interviews", "interviews:read", "List interviews", {
      description: `Interviews of the key's organization in the order they last changed (updatedAt, then id), ${PAGE_LIMITS.default} per page by default. To sync, pass \`updated_since\` and follow \`nextCursor\` until it is null; an interview that changes while you page comes again on a later page.`,
      query: pageQuerySchema,
      success: ok("One page of interviews.", interviewPageSchema),
    }),
    op("POST /api/v1/interviews", "interviews:write", "Schedule an interview", {
      description:
        "The start is the wall-clock time in `timeZone` (IANA); give `endLocal` or `durationMinutes`. The panel (1–8 members who may score) gets the invitation by mail. Overlaps with the panelists' other interviews are warnings, not refusals.",
      body: scheduleInterviewSchema,
      idempotent: true,
      success: created("Scheduled.", scheduleResultSchema),
    }),
    op("GET /api/v1/interviews/{id}", "interviews:read", "Get an interview", {
      success: ok("The interview with its questions.", interviewEnvelopeSchema),
    }),
    op("PATCH /api/v1/interviews/{id}", "interviews:write", "Reschedule an interview", {
      description:
        "Time, zone, duration, panel, lead and meeting link of a SCHEDULED interview, given in full. `sequence` is the interview's current `sequence`: if it changed meanwhile the answer is 409 with the current interview in `error.details`.",
      body: rescheduleInterviewSchema,
      success: ok("Rescheduled; the panel is told.", scheduleResultSchema),
      errors: [409],
    }),
    op("POST /api/v1/interviews/{id}/cancel", "interviews:write", "Cancel an interview", {
      description: "Only a SCHEDULED interview can be cancelled; the panel gets the cancellation.",
      body: cancelInterviewSchema,
      success: ok("Cancelled.", interviewEnvelopeSchema),
      errors: [409],
    }),
  ]),
  ...tagged("Candidates", [
    op("GET /api/v1/candidates", "candidates:read", "List candidates", {
      description: "Candidates of the key's organization, erased ones included, in the order they last changed (updatedAt, then id). Sync with `updated_since` and `nextCursor` as for interviews.",
      query: pageQuerySchema,
      success: ok("One page of candidates.", candidatePageSchema),
    }),
    op("POST /api/v1/candidates", "candidates:write", "Create a candidate", {
      body: candidateInputSchema,
      idempotent: true,
      success: created("Created.", candidateEnvelopeSchema),
    }),
    op("GET /api/v1/candidates/{id}", "candidates:read", "Get a candidate", {
      success: ok("The candidate with the interviews the key may see.", candidateEnvelopeSchema),
    }),
    op("PATCH /api/v1/candidates/{id}", "candidates:write", "Update a candidate", {
      description: "Send the whole profile: fields left out take their empty value (as the profile form saves it). An erased candidate cannot be changed.",
      body: candidateInputSchema,
      success: ok("Updated.", candidateEnvelopeSchema),
      errors: [409, 410],
    }),
    op("GET /api/v1/candidates/{id}/export", "candidates:write", "Export a candidate's data (GDPR)", {
      description: "Everything Panelist holds about the candidate, for a data-subject access request. The export is audited.",
      success: ok("The export.", candidateExportSchema),
    }),
    op("POST /api/v1/candidates/{id}/erase", "candidates:write", "Erase a candidate (GDPR)", {
      description: "Removes the candidate's personal data for good (name, email, links, notes) and cancels their scheduled interviews; scores stay, anonymous. Send `{\"confirm\": \"ERASE\"}`.",
      body: eraseCandidateSchema,
      success: ok("Erased.", candidateEnvelopeSchema),
      errors: [409, 410],
    }),
  ]),
  ...tagged("Questions", [
    op("GET /api/v1/questions", "questions:read", "List questions", {
      description: "The question bank, archived questions included, in the order they last changed (updatedAt, then id). Read a question's content with its id.",
      query: pageQuerySchema,
      success: ok("One page of questions.", questionPageSchema),
    }),
    op("POST /api/v1/questions", "questions:write", "Create a question", {
      description: "Creates version 1 with its rubric. Each criterion's levels must cover the organization's scale (0–4 unless changed in Settings).",
      body: createQuestionSchema(),
      idempotent: true,
      success: created("Created.", questionEnvelopeSchema),
    }),
    op("GET /api/v1/questions/{id}", "questions:read", "Get a question", {
      success: ok("The question with its latest version.", questionEnvelopeSchema),
    }),
    op("PATCH /api/v1/questions/{id}", "questions:write", "Update a question (new version)", {
      description: "Send the whole content with the `lockVersion` you read: a content change saves a new immutable version; a stale `lockVersion` is a 409 with the current question in `error.details`.",
      body: updateQuestionSchema(),
      success: ok("Saved.", questionEnvelopeSchema),
      errors: [409],
    }),
    op("GET /api/v1/questions/{id}/versions", "questions:read", "List a question's versions", {
      success: ok("Newest first, with how many kit items and interviews use each.", questionVersionsSchema),
    }),
    op("GET /api/v1/questions/{id}/versions/{number}", "questions:read", "Get one version of a question", {
      params: questionVersionParamsSchema,
      success: ok("The version.", questionVersionEnvelopeSchema),
    }),
  ]),
  ...tagged("Kits", [
    op("GET /api/v1/kits", "kits:read", "List kits", {
      query: kitListQuerySchema,
      success: ok("The kits, by name.", kitListSchema),
    }),
    op("GET /api/v1/kits/{id}", "kits:read", "Get a kit", {
      success: ok("The kit with its ordered question versions.", kitEnvelopeSchema),
    }),
  ]),
  ...tagged("Hiring decisions", [
    op("GET /api/v1/decisions", "reports:read", "List hiring decisions", {
      description: "The decisions recorded on one interview (`interview_id`) or on a candidate's interviews (`candidate_id`), newest first — on the interviews whose reports the key may read.",
      query: decisionQuerySchema,
      success: ok("The decisions.", decisionListSchema),
    }),
  ]),
  ...tagged("Reports", [
    op("GET /api/v1/interviews/{id}/report", "reports:read", "Get an interview's report", {
      description: "Scores, coverage and recommendations from the submitted scorecards only (a draft never shows). A key reads completed interviews; in anonymized review a key without candidates:read sees a pseudonym.",
      success: ok("The report.", interviewReportSchema),
    }),
    op("GET /api/v1/candidates/{id}/report", "reports:read", "Get a candidate's report", {
      description: "The candidate's completed interviews side by side, with the mean score. Anonymized review applies as for interview reports.",
      success: ok("The report.", candidateReportSchema),
    }),
  ]),
  ...tagged("Scorecards", [
    op("GET /api/v1/interviews/{id}/scorecards", "scorecards:read", "List an interview's scorecards", {
      description: "Each panelist's scorecard: its state, and — only once submitted — recommendation, summary and levels. A key reads completed interviews.",
      success: ok("The panel's scorecards, the lead first.", scorecardListSchema),
    }),
  ]),
];

/** What the reference says a key needs (write implies read: SCOPE_PERMISSIONS in lib/auth/permissions.ts). */
export function scopeText(scope: ApiOperation["scope"]): string {
  if (scope === "public") return "Public: no key needed.";
  if (scope === "any") return "Any valid key.";
  const [area, level] = scope.split(":");
  return level === "read" && (API_SCOPES as readonly string[]).includes(`${area}:write`)
    ? `Needs the \`${scope}\` or \`${area}:write\` scope.`
    : `Needs the \`${scope}\` scope.`;
}

const ERROR_TEXT: Record<number, string> = {
  400: "The request is malformed or a field is invalid (see `fieldErrors`).",
  401: "No API key, or one that is unknown, revoked or expired.",
  403: "The key lacks the scope this operation needs.",
  404: "No such record in the key's organization (another organization's records are not found either).",
  409: "The record changed meanwhile, or is in a state that does not allow this.",
  410: "The record was erased.",
  422: "The Idempotency-Key was already used with a different request.",
  429: "Too many requests for this key: wait `Retry-After` seconds.",
};

function toRoute(op: ApiOperation): RouteConfig {
  const errors = op.scope === "public" ? [] : [400, 401, ...(op.scope === "any" ? [] : [403]), ...(op.errors ?? []), ...(op.idempotent ? [409, 422] : []), 429];
  const responses: RouteConfig["responses"] = {
    [op.success.status]: { description: op.success.description, content: json(op.success.schema) },
  };
  for (const status of [...new Set(errors)].sort()) responses[status] = { description: ERROR_TEXT[status]!, content: json(errorBodySchema) };
  const headers = op.idempotent
    ? z.object({
        "Idempotency-Key": z
          .string()
          .min(1)
          .max(255)
          .optional()
          .meta({ description: "Your unique text for this create (a UUID). Retrying with the same key and body replays the first response for 24 hours; a different body is a 422." }),
      })
    : undefined;
  return {
    method: op.method,
    path: op.path,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, scopeText(op.scope)].filter(Boolean).join("\n\n"),
    operationId: operationId(op),
    security: op.scope === "public" ? [] : [{ apiKey: [] }],
    "x-panelist-scope": op.scope,
    request: {
      ...(op.params ? { params: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(headers ? { headers } : {}),
      ...(op.body ? { body: { required: true, content: json(op.body) } } : {}),
    },
    responses,
  };
}

export function operationId(op: Pick<ApiOperation, "method" | "path">): string {
  const words = op.path
    .replace(/^\/api\/v1\//, "")
    .split(/[/.]/)
    .map((s) => (s.startsWith("{") ? "by-" + s.slice(1, -1) : s))
    .join("-");
  return `${op.method}-${words}`.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | null = null;

/** The document (built once per process: the schemas do not change while it runs). */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key from Settings → API, sent as `Authorization: Bearer <key>`. It acts as its organization with exactly its scopes.",
  });
  for (const op of API_OPERATIONS) registry.registerPath(toRoute(op));
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Panelist API",
      version: "1",
      description:
        "The public REST API of Panelist, for applicant tracking systems and other integrations. Authenticate with an API key; every error has the `Error` body. Lists page with an opaque `cursor` and filter with `updated_since`; creates accept an `Idempotency-Key`. A change is stamped when its request runs and becomes visible when its transaction commits, a moment later: when you sync, start the next run's `updated_since` a few minutes before the newest `updatedAt` you have seen (items come again, by id, and are safe to apply twice).",
    },
    servers: [{ url: "/" }],
  });
  return cached;
}
