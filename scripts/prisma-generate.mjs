// Runs `prisma generate` offline. Prisma 7's CLI insists on locating its schema-engine
// binary even though generate never calls it, and the binary download is unreachable on
// machines without internet. Pointing PRISMA_SCHEMA_ENGINE_BINARY at a stub satisfies the
// check; a real engine, when one is configured, is left alone.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const dir = mkdtempSync(join(tmpdir(), "panelist-prisma-"));
  const stub = join(dir, "schema-engine");
  writeFileSync(stub, '#!/bin/sh\necho "schema-engine is not available on this machine" >&2\nexit 1\n');
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
