import type { Metadata } from "next";
import { NotYet } from "@/components/ui/not-yet";

export const metadata: Metadata = { title: "Reports" };

export default function ReportsPage() {
  return <NotYet title="Reports" issue={7} what="Candidate reports, comparisons and exports arrive with the reports work." />;
}
