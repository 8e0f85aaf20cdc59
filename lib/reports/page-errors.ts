import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/**
 * For report pages: runs a service call; its 404 becomes Next's not-found page, its 403
 * becomes a message the page shows (e.g. "submit your own scorecard first"); anything else
 * is rethrown to the error boundary.
 */
export async function loadForPage<T>(load: () => Promise<T>): Promise<{ data: T; denied: null } | { data: null; denied: string }> {
  try {
    return { data: await load(), denied: null };
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    if (err instanceof AppError && err.code === "FORBIDDEN") return { data: null, denied: err.message };
    throw err;
  }
}
