// The deployment files CI cannot run (no Docker engine on its machines), checked as far as they
// can be here: HAProxy's configuration for compose.yaml parses with Debian's HAProxy, and the
// compose file and Dockerfile keep the shape the README documents (migrate once, then two
// replicas of the image behind the balancer; the runtime stage installs production dependencies
// only and runs the compiled server as an unprivileged user).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const HAPROXY = process.env.HAPROXY_PATH || "/usr/sbin/haproxy";

describe("deployment files", () => {
  it("scripts/deploy/haproxy.cfg is a valid HAProxy configuration that checks readiness", () => {
    const r = spawnSync(HAPROXY, ["-c", "-f", join(root, "scripts/deploy/haproxy.cfg")], { encoding: "utf8" });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const cfg = readFileSync(join(root, "scripts/deploy/haproxy.cfg"), "utf8");
    expect(cfg).toMatch(/option httpchk GET \/api\/health\/ready/);
    // No per-request log lines with paths (an invitation link's token is in its path).
    expect(cfg).not.toMatch(/^\s*option httplog/m);
  });

  it("compose.yaml migrates once before two replicas start, behind the balancer", () => {
    const compose = readFileSync(join(root, "compose.yaml"), "utf8");
    for (const service of ["db", "migrate", "app", "lb"]) expect(compose).toMatch(new RegExp(`^  ${service}:$`, "m"));
    expect(compose).toMatch(/image: postgres:17/);
    expect(compose).toMatch(/command: \["node", "dist\/migrate\.js"\]/);
    expect(compose).toMatch(/migrate:\n\s+condition: service_completed_successfully/);
    expect(compose).toMatch(/replicas: 2/);
    expect(compose).toMatch(/NEXTAUTH_SECRET: \$\{NEXTAUTH_SECRET:\?/);
    // Behind HAProxy the sign-in limits must count the client's address, not the balancer's.
    expect(compose).toMatch(/TRUSTED_PROXY_HOPS: "1"/);
  });

  it("the Dockerfile's runtime stage holds the build's folder and production dependencies, runs node as `node`, with a health check", () => {
    const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");
    const runtime = dockerfile.slice(dockerfile.indexOf("AS runtime"));
    expect(runtime).toMatch(/COPY --from=build --chown=node:node \/app\/\.next\/standalone \.\//);
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/api\/health\/live/m);
    expect(runtime).toMatch(/CMD \["node", .*"dist\/server\.js"\]/);
    // Nothing in its instructions (comments aside) runs TypeScript.
    expect(runtime.split("\n").filter((l) => !l.trimStart().startsWith("#")).join("\n")).not.toMatch(/tsx/);
  });
});
