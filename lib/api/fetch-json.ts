import type { ErrorBody, FieldErrors } from "@/lib/errors";

/** A failed API call, carrying the server's user-facing message and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly fieldErrors: FieldErrors = {},
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** fetch for client components and hooks: JSON in, JSON out, errors as ApiError. */
export async function fetchJson<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      headers: { Accept: "application/json", ...(json !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch {
    throw new ApiError(0, "Could not reach Panelist. Check your connection and try again.", "NETWORK");
  }
  const text = await res.text();
  const data: unknown = text ? safeParse(text) : undefined;
  if (!res.ok) {
    const err = (data as ErrorBody | undefined)?.error;
    throw new ApiError(res.status, err?.message ?? `Request failed (${res.status}).`, err?.code ?? "HTTP", err?.fieldErrors, err?.details);
  }
  return data as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An error's message for the UI (ApiError messages are written for people), or null. */
export function messageOf(err: unknown): string | null {
  return err instanceof Error ? err.message : null;
}
