// Runs in the browser before the app hydrates (Next's instrumentation-client convention): zod
// must not probe for eval under Panelist's CSP (lib/zod-jitless.ts says why and how).
import { setZodJitless } from "@/lib/zod-jitless";

setZodJitless();
