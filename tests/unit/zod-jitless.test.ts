// instrumentation-client.ts turns zod's eval probe off without importing zod (which would put it
// on every page); this proves a zod loaded afterwards honours it, in a fresh process so that no
// zod is loaded yet.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { setZodJitless } from "@/lib/zod-jitless";

const root = join(__dirname, "..", "..");

describe("setZodJitless", () => {
  it("makes a zod loaded afterwards jitless, so it never probes for eval", () => {
    const script = `
      const m = await import(${JSON.stringify(join(root, "lib/zod-jitless.ts"))});
      const setZodJitless = m.setZodJitless ?? m.default.setZodJitless;
      setZodJitless();
      let probed = false;
      const RealFunction = globalThis.Function;
      globalThis.Function = new Proxy(RealFunction, { construct(t, a) { probed = true; return Reflect.construct(t, a); } });
      const { z } = await import("zod");
      z.object({ a: z.string() }).parse({ a: "x" });
      console.log(JSON.stringify({ jitless: z.config().jitless, probed }));`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").at(-1)!)).toEqual({ jitless: true, probed: false });
  });

  it("keeps settings already in zod's global", () => {
    const target: Record<string, unknown> = { __zod_globalConfig: { customError: "x" } };
    setZodJitless(target);
    expect(target.__zod_globalConfig).toEqual({ customError: "x", jitless: true });
  });
});
