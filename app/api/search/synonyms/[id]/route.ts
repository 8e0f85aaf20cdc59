// PATCH|DELETE /api/search/synonyms/:id — change or remove one synonym group
import { parseJson, withActor } from "@/lib/api/route";
import { synonymGroupSchema } from "@/lib/search/synonym-schemas";
import { deleteSynonymGroup, updateSynonymGroup } from "@/lib/search/synonyms";

type P = { id: string };

export const PATCH = withActor<P>(
  async ({ req, actor, params }) => {
    const input = await parseJson(req, synonymGroupSchema);
    return { group: await updateSynonymGroup(actor, params.id, input) };
  },
  { permission: "search.synonyms.write" },
);

export const DELETE = withActor<P>(
  async ({ actor, params }) => {
    await deleteSynonymGroup(actor, params.id);
    return { ok: true };
  },
  { permission: "search.synonyms.write" },
);
