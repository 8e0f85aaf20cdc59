import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { anonymousInviteFields, seesCandidatesAnonymized } from "@/lib/candidates/anonymize";
import { env } from "@/lib/env";
import { buildInterviewIcs } from "./build-ics";
import { loadInterviewRowOrThrow } from "./interview-view";

export interface InterviewInvite {
  filename: string;
  method: "REQUEST" | "CANCEL";
  content: string;
}

/**
 * The interview's current calendar invite for anyone who may see the interview: a request
 * while it is on, a cancellation once cancelled (same UID, higher SEQUENCE). Anonymized
 * viewers get the pseudonym in the summary and description, and no meeting link.
 */
export async function getInterviewInvite(actor: Actor, interviewId: string): Promise<InterviewInvite> {
  const i = await loadInterviewRowOrThrow(actor, interviewId);
  const anonymized = await seesCandidatesAnonymized(actor);
  const cancelled = i.status === "CANCELLED";
  const lead = i.panelists.find((p) => p.isLead)?.user;
  // RFC 5546 needs an organizer; when the scheduler's account is gone the lead stands in.
  const organizer = i.createdBy ?? lead ?? { name: actor.name, email: actor.email };
  const content = buildInterviewIcs({
    uid: i.icsUid,
    sequence: i.icsSequence,
    cancelled,
    title: i.title,
    startsAt: i.startsAt,
    durationMinutes: i.durationMinutes,
    timeZone: i.timeZone,
    candidateName: i.candidate.name,
    kitName: i.kitName,
    meetingUrl: i.meetingUrl,
    ...(anonymized ? anonymousInviteFields(i.candidate.id, i.kitName) : {}),
    interviewUrl: `${env().PUBLIC_URL.replace(/\/$/, "")}/interviews/${i.id}`,
    organizer: { name: organizer.name, email: organizer.email },
    panel: i.panelists.map((p) => ({ name: p.user.name, email: p.user.email, isLead: p.isLead })),
  });
  return { filename: `interview-${i.id}${cancelled ? "-cancelled" : ""}.ics`, method: cancelled ? "CANCEL" : "REQUEST", content };
}
