import { z } from "zod";

/** Every event a webhook endpoint can subscribe to (README: "Webhooks"). */
export const WEBHOOK_EVENT_TYPES = [
  "interview.scheduled",
  "interview.rescheduled",
  "interview.cancelled",
  "interview.completed",
  "scorecard.submitted",
  "decision.recorded",
  "candidate.erased",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What the settings page shows beside each event's checkbox. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "interview.scheduled": "Interview scheduled",
  "interview.rescheduled": "Interview rescheduled",
  "interview.cancelled": "Interview cancelled",
  "interview.completed": "Interview completed (every scorecard submitted)",
  "scorecard.submitted": "Scorecard submitted",
  "decision.recorded": "Hiring decision recorded",
  "candidate.erased": "Candidate erased",
};

/** The URL's shape only; whether it may be called (https, a public address after DNS) is url-safety.ts's, on the server. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the events.")
  .max(2_000, "Use a URL of at most 2,000 characters.")
  .refine((v) => URL.canParse(v), "Enter a full URL, such as https://example.com/panelist-webhooks.");

export const webhookEndpointInputSchema = z.object({
  url: webhookUrlSchema,
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { message: "Choose events from the list." }))
    .min(1, "Choose at least one event.")
    .max(WEBHOOK_EVENT_TYPES.length)
    .transform((events) => [...new Set(events)]),
});
export type WebhookEndpointInput = z.infer<typeof webhookEndpointInputSchema>;

export const webhookEndpointUpdateSchema = webhookEndpointInputSchema.partial().refine((v) => v.url !== undefined || v.events !== undefined, "Change the URL or the events.");
export type WebhookEndpointUpdate = z.infer<typeof webhookEndpointUpdateSchema>;

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: WebhookEventType[];
  /** The signing secret (stored sealed: lib/webhooks/endpoint-secret.ts); null when it cannot be opened (AUTH_SECRET changed): rotate it. */
  secret: string | null;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  consecutiveFailures: number;
  createdAt: string;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}
