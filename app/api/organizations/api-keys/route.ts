// GET|POST /api/organizations/api-keys — the organization's API keys (Settings → API); a new key's token is in the POST's answer only
import { NextResponse } from "next/server";
import { parseJson, withActor } from "@/lib/api/route";
import { createApiKey, listApiKeys } from "@/lib/api-keys/api-keys";
import { createApiKeySchema } from "@/lib/api-keys/schemas";

export const GET = withActor(async ({ actor }) => ({ keys: await listApiKeys(actor) }), { permission: "apiKeys.manage" });

export const POST = withActor(
  async ({ req, actor }) => {
    const input = await parseJson(req, createApiKeySchema);
    // no-store: the token must not sit in any cache.
    return NextResponse.json(await createApiKey(actor, input), { status: 201, headers: { "Cache-Control": "no-store" } });
  },
  { permission: "apiKeys.manage" },
);
