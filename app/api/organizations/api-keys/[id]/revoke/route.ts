// POST /api/organizations/api-keys/:id/revoke — revoke an API key at once (its next request is a 401)
import { withActor } from "@/lib/api/route";
import { revokeApiKey } from "@/lib/api-keys/api-keys";

export const POST = withActor<{ id: string }>(async ({ actor, params }) => ({ key: await revokeApiKey(actor, params.id) }), { permission: "apiKeys.manage" });
