// How the production server (scripts/server.ts) is started, for `npm start` (scripts/serve.ts)
// and for the e2e runner and the benchmark (scripts/lib/throwaway.ts): one definition.
import { join } from "node:path";

/**
 * Node arguments for the production server. A larger young generation (64 MB semi-spaces)
 * means fewer scavenges under a burst of autosaves: on the 2-core machine it took about 2 ms
 * off the scoring write's p99 at 64 clients (`npm run bench -- scoring`), for up to ~190 MB
 * more memory at peak.
 */
export function productionServerArgs(root: string, extra: string[] = []): string[] {
  return ["--max-semi-space-size=64", "--import", "tsx", join(root, "scripts", "server.ts"), ...extra];
}
