// GET|PUT|PATCH /api/kits/:id — read a kit, save it (fields, order, minutes), archive or restore it
import { z } from "zod";
import { parseJson, withActor } from "@/lib/api/route";
import { setKitArchived } from "@/lib/kits/archive-kit";
import { getKitOrThrow } from "@/lib/kits/get-kit";
import { updateKitSchema } from "@/lib/kits/schemas";
import { updateKit } from "@/lib/kits/update-kit";

type P = { id: string };

export const GET = withActor<P>(async ({ actor, params }) => ({ kit: await getKitOrThrow(actor, params.id) }), { permission: "kits.read" });

export const PUT = withActor<P>(async ({ req, actor, params }) => ({ kit: await updateKit(actor, params.id, await parseJson(req, updateKitSchema)) }), {
  permission: "kits.write",
});

const archiveSchema = z.object({ archived: z.boolean() });

export const PATCH = withActor<P>(
  async ({ req, actor, params }) => ({ kit: await setKitArchived(actor, params.id, (await parseJson(req, archiveSchema)).archived) }),
  { permission: "kits.write" },
);
