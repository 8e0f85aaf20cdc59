import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InterviewRoom } from "@/components/room/interview-room";
import { requirePageActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { getRoomOrThrow } from "@/lib/scoring/get-room";

export const metadata: Metadata = { title: "Interview room" };

/**
 * The interview room, rendered with its data in this one request. Only panelists get here
 * (anyone else: 404). The read changes nothing — Next may prefetch or render this page without
 * anyone entering — so the client component enters the room (POST, which starts the interview
 * once the room has opened and creates the scorecard) and keeps it live.
 */
export default async function InterviewRoomPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const room = await getRoomOrThrow(actor, id).catch((err: unknown) => {
    if (err instanceof AppError && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN")) notFound();
    throw err;
  });
  return <InterviewRoom interviewId={id} initialRoom={room} />;
}
