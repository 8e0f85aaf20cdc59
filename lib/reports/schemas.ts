import { z } from "zod";

/** Shared by routes, pages and hooks. */
export const reportIdSchema = z.string().trim().min(1).max(64);

export const paperSizeSchema = z.enum(["a4", "letter"]);
export type PaperSize = z.infer<typeof paperSizeSchema>;

export const reportPdfQuerySchema = z.object({ paper: paperSizeSchema.default("a4") });
export type ReportPdfQuery = z.infer<typeof reportPdfQuerySchema>;

export const anonymizedReviewInputSchema = z.object({ anonymizedReview: z.boolean() });
export type AnonymizedReviewInput = z.infer<typeof anonymizedReviewInputSchema>;
