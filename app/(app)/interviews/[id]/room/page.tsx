import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InterviewRoom } from "@/components/room/interview-room";
import { requirePageActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { loadRoomRowOrThrow } from "@/lib/scoring/get-room";

export const metadata: Metadata = { title: "Interview room" };

/**
 * The interview room. Only panelists get here (anyone else: 404); the client component enters
 * the room (creating the scorecard) and keeps it live.
 */
export default async function InterviewRoomPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  await loadRoomRowOrThrow(actor, id).catch((err: unknown) => {
    if (err instanceof AppError && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN")) notFound();
    throw err;
  });
  return <InterviewRoom interviewId={id} />;
}
