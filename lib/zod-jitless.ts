// zod 4 probes whether eval is allowed (`new Function("")` in a try) the first time it parses an
// object, to compile faster parsers. Under Panelist's CSP (lib/security/headers.ts: no
// 'unsafe-eval') browsers refuse the probe and report it as a violation. `jitless` skips the
// probe; zod parses the same, a little slower. zod keeps its settings in this global (it adopts an
// existing object when it loads), so setting it here needs no import of zod: the browser's
// instrumentation (instrumentation-client.ts, run before hydration on every page) stays a few
// bytes, and zod loads only with the forms that use it. tests/unit/zod-jitless.test.ts checks
// that zod still reads this global.
export const ZOD_GLOBAL_CONFIG = "__zod_globalConfig";

export function setZodJitless(target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
  const current = target[ZOD_GLOBAL_CONFIG];
  const config = (current && typeof current === "object" ? current : {}) as Record<string, unknown>;
  config.jitless = true;
  target[ZOD_GLOBAL_CONFIG] = config;
}
