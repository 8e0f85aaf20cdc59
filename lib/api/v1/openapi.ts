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

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/openapi.json",
    scope: "public",
    tag: "Reference",
    summary: "This document",
    description: "The OpenAPI 3.1 description of the API. A readable version is in the app under /docs/api.",
    success: { status: 200, description: "The OpenAPI document.", schema: z.record(z.string(), z.unknown()) },
  },
  {
    method: "get",
    path: "/api/v1/me",
    scope: "any",
    tag: "Reference",
    summary: "The key making the request",
    description: "Its organization, name, prefix and scopes: a cheap way to check a key.",
    success: { status: 200, description: "The key.", schema: meSchema },
  },
  {
    method: "get",
    path: "/api/v1/interviews",
    scope: "interviews:read",
    tag: "Interviews",
    summary: "List interviews",
    description: `Interviews of the key's organization in the order they last changed (updatedAt, then id), ${PAGE_LIMITS.default} per page by default. To sync, pass \`updated_since\` and follow \`nextCursor\` until it is null; an interview that changes while you page comes again on a later page.`,
    query: pageQuerySchema,
    success: { status: 200, description: "One page of interviews.", schema: interviewPageSchema },
  },
  {
    method: "post",
    path: "/api/v1/interviews",
    scope: "interviews:write",
    tag: "Interviews",
    summary: "Schedule an interview",
    description:
      "The start is the wall-clock time in `timeZone` (IANA); give `endLocal` or `durationMinutes`. The panel (1–8 members who may score) gets the invitation by mail. Overlaps with the panelists' other interviews are warnings, not refusals.",
    body: scheduleInterviewSchema,
    idempotent: true,
    success: { status: 201, description: "Scheduled.", schema: scheduleResultSchema },
  },
  {
    method: "get",
    path: "/api/v1/interviews/{id}",
    scope: "interviews:read",
    tag: "Interviews",
    summary: "Get an interview",
    params: idParamsSchema,
    success: { status: 200, description: "The interview with its questions.", schema: interviewEnvelopeSchema },
    errors: [404],
  },
  {
    method: "patch",
    path: "/api/v1/interviews/{id}",
    scope: "interviews:write",
    tag: "Interviews",
    summary: "Reschedule an interview",
    description:
      "Time, zone, duration, panel, lead and meeting link of a SCHEDULED interview, given in full. `sequence` is the interview's current `sequence`: if it changed meanwhile the answer is 409 with the current interview in `error.details`.",
    params: idParamsSchema,
    body: rescheduleInterviewSchema,
    success: { status: 200, description: "Rescheduled; the panel is told.", schema: scheduleResultSchema },
    errors: [404, 409],
  },
  {
    method: "post",
    path: "/api/v1/interviews/{id}/cancel",
    scope: "interviews:write",
    tag: "Interviews",
    summary: "Cancel an interview",
    description: "Only a SCHEDULED interview can be cancelled; the panel gets the cancellation.",
    params: idParamsSchema,
    body: cancelInterviewSchema,
    success: { status: 200, description: "Cancelled.", schema: interviewEnvelopeSchema },
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/api/v1/candidates",
    scope: "candidates:read",
    tag: "Candidates",
    summary: "List candidates",
    description: "Candidates of the key's organization, erased ones included, in the order they last changed (updatedAt, then id). Sync with `updated_since` and `nextCursor` as for interviews.",
    query: pageQuerySchema,
    success: { status: 200, description: "One page of candidates.", schema: candidatePageSchema },
  },
  {
    method: "post",
    path: "/api/v1/candidates",
    scope: "candidates:write",
    tag: "Candidates",
    summary: "Create a candidate",
    body: candidateInputSchema,
    idempotent: true,
    success: { status: 201, description: "Created.", schema: candidateEnvelopeSchema },
  },
  {
    method: "get",
    path: "/api/v1/candidates/{id}",
    scope: "candidates:read",
    tag: "Candidates",
    summary: "Get a candidate",
    params: idParamsSchema,
    success: { status: 200, description: "The candidate with the interviews the key may see.", schema: candidateEnvelopeSchema },
    errors: [404],
  },
  {
    method: "patch",
    path: "/api/v1/candidates/{id}",
    scope: "candidates:write",
    tag: "Candidates",
    summary: "Update a candidate",
    description: "Send the whole profile: fields left out take their empty value (as the profile form saves it). An erased candidate cannot be changed.",
    params: idParamsSchema,
    body: candidateInputSchema,
    success: { status: 200, description: "Updated.", schema: candidateEnvelopeSchema },
    errors: [404, 409, 410],
  },
  {
    method: "get",
    path: "/api/v1/candidates/{id}/export",
    scope: "candidates:write",
    tag: "Candidates",
    summary: "Export a candidate's data (GDPR)",
    description: "Everything Panelist holds about the candidate, for a data-subject access request. The export is audited.",
    params: idParamsSchema,
    success: { status: 200, description: "The export.", schema: candidateExportSchema },
    errors: [404],
  },
  {
    method: "post",
    path: "/api/v1/candidates/{id}/erase",
    scope: "candidates:write",
    tag: "Candidates",
    summary: "Erase a candidate (GDPR)",
    description: "Removes the candidate's personal data for good (name, email, links, notes) and cancels their scheduled interviews; scores stay, anonymous. Send `{\"confirm\": \"ERASE\"}`.",
    params: idParamsSchema,
    body: eraseCandidateSchema,
    success: { status: 200, description: "Erased.", schema: candidateEnvelopeSchema },
    errors: [404, 409, 410],
  },
  {
    method: "get",
    path: "/api/v1/questions",
    scope: "questions:read",
    tag: "Questions",
    summary: "List questions",
    description: "The question bank, archived questions included, in the order they last changed (updatedAt, then id). Read a question's content with its id.",
    query: pageQuerySchema,
    success: { status: 200, description: "One page of questions.", schema: questionPageSchema },
  },
  {
    method: "post",
    path: "/api/v1/questions",
    scope: "questions:write",
    tag: "Questions",
    summary: "Create a question",
    description: "Creates version 1 with its rubric. Each criterion's levels must cover the organization's scale (0–4 unless changed in Settings).",
    body: createQuestionSchema(),
    idempotent: true,
    success: { status: 201, description: "Created.", schema: questionEnvelopeSchema },
  },
  {
    method: "get",
    path: "/api/v1/questions/{id}",
    scope: "questions:read",
    tag: "Questions",
    summary: "Get a question",
    params: idParamsSchema,
    success: { status: 200, description: "The question with its latest version.", schema: questionEnvelopeSchema },
    errors: [404],
  },
  {
    method: "patch",
    path: "/api/v1/questions/{id}",
    scope: "questions:write",
    tag: "Questions",
    summary: "Update a question (new version)",
    description: "Send the whole content with the `lockVersion` you read: a content change saves a new immutable version; a stale `lockVersion` is a 409 with the current question in `error.details`.",
    params: idParamsSchema,
    body: updateQuestionSchema(),
    success: { status: 200, description: "Saved.", schema: questionEnvelopeSchema },
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/api/v1/questions/{id}/versions",
    scope: "questions:read",
    tag: "Questions",
    summary: "List a question's versions",
    params: idParamsSchema,
    success: { status: 200, description: "Newest first, with how many kit items and interviews use each.", schema: questionVersionsSchema },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/v1/questions/{id}/versions/{number}",
    scope: "questions:read",
    tag: "Questions",
    summary: "Get one version of a question",
    params: questionVersionParamsSchema,
    success: { status: 200, description: "The version.", schema: questionVersionEnvelopeSchema },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/v1/kits",
    scope: "kits:read",
    tag: "Kits",
    summary: "List kits",
    query: kitListQuerySchema,
    success: { status: 200, description: "The kits, by name.", schema: kitListSchema },
  },
  {
    method: "get",
    path: "/api/v1/kits/{id}",
    scope: "kits:read",
    tag: "Kits",
    summary: "Get a kit",
    params: idParamsSchema,
    success: { status: 200, description: "The kit with its ordered question versions.", schema: kitEnvelopeSchema },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/v1/decisions",
    scope: "reports:read",
    tag: "Hiring decisions",
    summary: "List hiring decisions",
    description: "The decisions recorded on one interview (`interview_id`) or on a candidate's interviews (`candidate_id`), newest first — on the interviews whose reports the key may read.",
    query: decisionQuerySchema,
    success: { status: 200, description: "The decisions.", schema: decisionListSchema },
  },
  {
    method: "get",
    path: "/api/v1/interviews/{id}/report",
    scope: "reports:read",
    tag: "Reports",
    summary: "Get an interview's report",
    description: "Scores, coverage and recommendations from the submitted scorecards only (a draft never shows). A key reads completed interviews; in anonymized review a key without candidates:read sees a pseudonym.",
    params: idParamsSchema,
    success: { status: 200, description: "The report.", schema: interviewReportSchema },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/v1/candidates/{id}/report",
    scope: "reports:read",
    tag: "Reports",
    summary: "Get a candidate's report",
    description: "The candidate's completed interviews side by side, with the mean score. Anonymized review applies as for interview reports.",
    params: idParamsSchema,
    success: { status: 200, description: "The report.", schema: candidateReportSchema },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/v1/interviews/{id}/scorecards",
    scope: "scorecards:read",
    tag: "Scorecards",
    summary: "List an interview's scorecards",
    description: "Each panelist's scorecard: its state, and — only once submitted — recommendation, summary and levels. A key reads completed interviews.",
    params: idParamsSchema,
    success: { status: 200, description: "The panel's scorecards, the lead first.", schema: scorecardListSchema },
    errors: [404],
  },
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
        "The public REST API of Panelist, for applicant tracking systems and other integrations. Authenticate with an API key; every error has the `Error` body. Lists page with an opaque `cursor` and filter with `updated_since`; creates accept an `Idempotency-Key`.",
    },
    servers: [{ url: "/" }],
  });
  return cached;
}
