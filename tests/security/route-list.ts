// The app's routes, read from the file system the way Next reads them, so the security suite
// covers a route the moment its file exists: app/**/route.ts (with the HTTP methods the module
// exports) and app/**/page.tsx. Route groups "(x)" vanish from the URL; dynamic segments get
// sample values, and catch-alls one sample per way they are used.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const APP_DIR = join(__dirname, "..", "..", "app");

export const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const MUTATING_METHODS: readonly HttpMethod[] = ["POST", "PUT", "PATCH", "DELETE"];

type Handler = (req: never, ctx: never) => Promise<Response>;

export interface RouteFile {
  /** "app/api/questions/[id]/route.ts" */
  file: string;
  /** "/api/questions/[id]" */
  pattern: string;
  /** Segment names of the dynamic parts, in order ("nextauth" for a catch-all). */
  paramNames: string[];
  catchAll: boolean;
}

export interface RouteModule extends RouteFile {
  methods: HttpMethod[];
  handlers: Partial<Record<HttpMethod, Handler>>;
}

function walk(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, name));
    else if (entry.name === name) out.push(path);
  }
  return out.sort();
}

function describe(path: string): RouteFile {
  const rel = relative(APP_DIR, path).split(sep);
  const segments = rel.slice(0, -1).filter((s) => !(s.startsWith("(") && s.endsWith(")")));
  const paramNames: string[] = [];
  let catchAll = false;
  for (const s of segments) {
    const m = /^\[(\.\.\.)?([^\]]+)\]$/.exec(s);
    if (m) {
      paramNames.push(m[2]!);
      if (m[1]) catchAll = true;
    }
  }
  return { file: relative(join(APP_DIR, ".."), path), pattern: `/${segments.join("/")}`, paramNames, catchAll };
}

export function routeFiles(): RouteFile[] {
  return walk(APP_DIR, "route.ts").map(describe);
}

export function pageFiles(): RouteFile[] {
  return walk(APP_DIR, "page.tsx").map(describe);
}

/** Imports every route module and reads which HTTP methods it exports. */
export async function routeModules(): Promise<RouteModule[]> {
  const out: RouteModule[] = [];
  for (const r of routeFiles()) {
    const mod = (await import(/* @vite-ignore */ join(APP_DIR, "..", r.file))) as Record<string, unknown>;
    const handlers: Partial<Record<HttpMethod, Handler>> = {};
    for (const m of HTTP_METHODS) if (typeof mod[m] === "function") handlers[m] = mod[m] as Handler;
    out.push({ ...r, methods: HTTP_METHODS.filter((m) => handlers[m]), handlers });
  }
  return out;
}

/** next-auth's catch-all is posted to in these ways (sign-in, sign-out, session update, client logs). */
export const CATCH_ALL_SAMPLES: Record<string, string[][]> = {
  nextauth: [["callback", "credentials"], ["signin", "credentials"], ["signout"], ["session"], ["_log"], ["csrf"]],
};

/** Concrete paths for a route: its dynamic segments filled with `sample(name)`. */
export function samplePaths(route: RouteFile, sample: (name: string) => string = () => "sample-id"): { path: string; params: Record<string, string | string[]> }[] {
  const catchAllName = route.catchAll ? route.paramNames[route.paramNames.length - 1]! : null;
  const catchAllValues = catchAllName ? (CATCH_ALL_SAMPLES[catchAllName] ?? [["a", "b"]]) : [null];
  return catchAllValues.map((rest) => {
    const params: Record<string, string | string[]> = {};
    const path = route.pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, dots: string | undefined, name: string) => {
      if (dots) {
        params[name] = rest!;
        return rest!.map(encodeURIComponent).join("/");
      }
      const value = sample(name);
      params[name] = value;
      return encodeURIComponent(value);
    });
    return { path, params };
  });
}
