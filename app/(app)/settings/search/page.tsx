import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { SynonymsPanel } from "@/components/settings/synonyms-panel";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listSynonymGroups } from "@/lib/search/synonyms";

export const metadata: Metadata = { title: "Search settings" };

export default async function SearchSettingsPage() {
  const actor = await requirePageActor();
  const groups = await listSynonymGroups(actor);
  return (
    <>
      <PageHeader
        title="Search"
        description="Words and abbreviations that mean the same in your question searches: typing any term of a group finds questions that use any other. British and American spellings, accents and partly typed words need no group."
      />
      <SynonymsPanel initial={groups} canWrite={can(actor.role, "search.synonyms.write")} />
    </>
  );
}
