// The one decision for every redirect whose target a user can supply: after sign-in (the
// sign-in page, its form, next-auth's `redirect` callback) and after any other action. Used on
// the server and in the browser, so no server-only imports.
//
// A target is followed only when it is a path on this site: after URL parsing it starts with
// exactly one "/", and neither it nor its percent-decoded path could be read by a browser (or
// a later hop that decodes it) as another origin. Anything else gives the fallback.
// Known tricks this refuses: "//evil", "/\evil", "/%09/evil" (tabs and newlines are dropped by
// URL parsers), "/%2F%2Fevil", "/%5Cevil", "/a/..//evil" (dot segments), "javascript:…",
// "https://evil", " /x" (leading whitespace), and absolute URLs on another origin.

const PROBE_ORIGIN = "https://panelist.invalid";
const MAX_TARGET_LENGTH = 2048;
// C0 controls, space-like trimming characters and DEL: URL parsers strip or drop these.
const CONTROL = /[\u0000-\u001f\u007f]/;

function decodedPathIsSafe(pathname: string): boolean {
  let decoded = pathname;
  // Decode until stable (a double-encoded "%252F" is "/" two hops later).
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return false;
    }
    if (next === decoded) break;
    decoded = next;
  }
  return !CONTROL.test(decoded) && !decoded.includes("\\") && !decoded.startsWith("//");
}

/**
 * `target` as a same-origin relative path ("/questions?page=2#x"), or `fallback` when it is
 * not one. With `origin`, an absolute URL on exactly that origin is accepted too and
 * reduced to its path.
 */
export function safeRedirectPath(target: unknown, opts: { origin?: string; fallback?: string } = {}): string {
  const fallback = opts.fallback === undefined ? "/" : safeRedirectPath(opts.fallback);
  if (typeof target !== "string" || target === "" || target.length > MAX_TARGET_LENGTH) return fallback;
  if (CONTROL.test(target) || target.includes("\\") || target.trim() !== target) return fallback;

  let relative = target;
  if (!target.startsWith("/")) {
    // Only an absolute URL on our own origin; "javascript:", "evil.example", "//…" never pass.
    if (!opts.origin) return fallback;
    let absolute: URL;
    let own: URL;
    try {
      absolute = new URL(target);
      own = new URL(opts.origin);
    } catch {
      return fallback;
    }
    if (absolute.origin !== own.origin || absolute.username || absolute.password) return fallback;
    relative = absolute.pathname + absolute.search + absolute.hash;
  }
  if (!relative.startsWith("/") || relative.startsWith("//")) return fallback;

  let url: URL;
  try {
    url = new URL(relative, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can collapse "/a/..//evil" to "//evil" only after parsing.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  if (!decodedPathIsSafe(url.pathname)) return fallback;
  return path;
}

/** For next-auth's `redirect` callback, which must return an absolute URL: always on `baseUrl`. */
export function safeRedirectUrl(target: unknown, baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${safeRedirectPath(target, { origin: baseUrl })}`;
}
