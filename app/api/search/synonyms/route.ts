// GET|POST /api/search/synonyms — the organization's search synonym groups (Settings → Search)
import { parseJson, withActor } from "@/lib/api/route";
import { synonymGroupSchema } from "@/lib/search/synonym-schemas";
import { createSynonymGroup, listSynonymGroups } from "@/lib/search/synonyms";

export const GET = withActor(async ({ actor }) => ({ groups: await listSynonymGroups(actor) }), { permission: "questions.read" });

export const POST = withActor(
  async ({ req, actor }) => {
    const input = await parseJson(req, synonymGroupSchema);
    return { group: await createSynonymGroup(actor, input) };
  },
  { permission: "search.synonyms.write" },
);
