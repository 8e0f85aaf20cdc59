// GET /api/v1/me — the API key making the request: its organization, name, prefix and scopes
import { withAnyApiKey } from "@/lib/api/v1/route";

export const GET = withAnyApiKey(async ({ actor }) => {
  const key = actor.apiKey!;
  return {
    organization: { id: actor.organizationId, name: actor.organizationName },
    apiKey: { id: key.id, name: key.name, prefix: key.prefix, scopes: key.scopes },
  };
});
