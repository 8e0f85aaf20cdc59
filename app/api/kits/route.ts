// GET|POST /api/kits — list the organization's kits (search, archived), create a kit
import { parseJson, parseQuery, withActor } from "@/lib/api/route";
import { createKit } from "@/lib/kits/create-kit";
import { listKits } from "@/lib/kits/list-kits";
import { createKitSchema, kitListQuerySchema } from "@/lib/kits/schemas";

export const GET = withActor(async ({ req, actor }) => ({ kits: await listKits(actor, parseQuery(req, kitListQuerySchema)) }), {
  permission: "kits.read",
});

export const POST = withActor(
  async ({ req, actor }) => Response.json({ kit: await createKit(actor, await parseJson(req, createKitSchema)) }, { status: 201 }),
  { permission: "kits.write" },
);
