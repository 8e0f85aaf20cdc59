import type { Metadata } from "next";
import { NotYet } from "@/components/ui/not-yet";

export const metadata: Metadata = { title: "Interviews" };

export default function InterviewsPage() {
  return <NotYet title="Interviews" issue={4} what="Scheduling panels and the live scoring room arrive with scheduling and live scoring." />;
}
