// POST /api/kits/:id/items/:itemId/upgrade — point one kit question at its latest version
import { withActor } from "@/lib/api/route";
import { upgradeKitItem } from "@/lib/kits/upgrade-kit-item";

export const POST = withActor<{ id: string; itemId: string }>(
  async ({ actor, params }) => ({ kit: await upgradeKitItem(actor, params.id, params.itemId) }),
  { permission: "kits.write" },
);
