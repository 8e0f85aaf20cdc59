// POST /api/kits/:id/duplicate — copy a kit as "Copy of …"
import { withActor } from "@/lib/api/route";
import { duplicateKit } from "@/lib/kits/duplicate-kit";

export const POST = withActor<{ id: string }>(
  async ({ actor, params }) => Response.json({ kit: await duplicateKit(actor, params.id) }, { status: 201 }),
  { permission: "kits.write" },
);
