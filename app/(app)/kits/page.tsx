import type { Metadata } from "next";
import { NotYet } from "@/components/ui/not-yet";

export const metadata: Metadata = { title: "Kits" };

export default function KitsPage() {
  return <NotYet title="Kits" issue={4} what="Kits (ordered interview plans per role) arrive with scheduling." />;
}
