// Runs in the browser before the app hydrates (Next's instrumentation-client convention), so
// before any client component loads a zod schema. zod 4 probes whether eval is allowed
// (`new Function("")` in a try) to compile faster object parsers; under Panelist's CSP
// (lib/security/headers.ts: no 'unsafe-eval') the probe is refused and reported as a violation
// on every page. Without the probe zod parses the same, a little slower; the server keeps it.
import { z } from "zod";

z.config({ jitless: true });
