// GET /api/v1/kits — the organization's interview kits (search by name with q; archived=true for archived ones)
import { parseQuery } from "@/lib/api/route";
import { withApiKey } from "@/lib/api/v1/route";
import { v1KitSummary } from "@/lib/api/v1/views";
import { listKits } from "@/lib/kits/list-kits";
import { kitListQuerySchema } from "@/lib/kits/schemas";

export const GET = withApiKey(async ({ req, actor }) => ({ kits: (await listKits(actor, parseQuery(req, kitListQuerySchema))).map(v1KitSummary) }), {
  scope: "kits:read",
});
