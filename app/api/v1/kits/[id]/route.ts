// GET /api/v1/kits/:id — one kit with its ordered question versions
import { withApiKey } from "@/lib/api/v1/route";
import { v1Kit } from "@/lib/api/v1/views";
import { getKitOrThrow } from "@/lib/kits/get-kit";

export const GET = withApiKey<{ id: string }>(async ({ actor, params }) => ({ kit: v1Kit(await getKitOrThrow(actor, params.id)) }), { scope: "kits:read" });
