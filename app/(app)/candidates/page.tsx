import type { Metadata } from "next";
import { NotYet } from "@/components/ui/not-yet";

export const metadata: Metadata = { title: "Candidates" };

export default function CandidatesPage() {
  return <NotYet title="Candidates" issue={4} what="Candidate profiles, export and erasure arrive with scheduling." />;
}
