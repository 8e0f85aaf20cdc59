// How the production server is started, for `npm start` (scripts/serve.ts, compiled) and for
// the e2e runner and the benchmark (scripts/lib/throwaway.ts): one definition. The server is
// the compiled one, dist/server.js, which `npm run build` (scripts/build-server.mjs) writes
// into <distDir>/standalone/.
import { join } from "node:path";

/** The compiled production server of the build in `distDir`. */
export function compiledServerFile(root: string, distDir: string): string {
  return join(root, distDir, "standalone", "dist", "server.js");
}

/**
 * Node arguments for the production server. A larger young generation (64 MB semi-spaces)
 * means fewer scavenges under a burst of autosaves: on the 2-core machine it took about 2 ms
 * off the scoring write's p99 at 64 clients (`npm run bench -- scoring`), for up to ~190 MB
 * more memory at peak.
 */
export function productionServerArgs(serverFile: string, extra: string[] = []): string[] {
  return ["--max-semi-space-size=64", serverFile, ...extra];
}
