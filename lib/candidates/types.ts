/** Shapes the candidate services return: plain JSON-safe data, shared with client code. */

export interface CandidateSummary {
  id: string;
  name: string;
  email: string | null;
  roleApplied: string | null;
  erased: boolean;
  interviewCount: number;
  createdAt: string;
}

export interface CandidateInterviewRef {
  id: string;
  title: string;
  kitName: string;
  startsAt: string;
  timeZone: string;
  status: "SCHEDULED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
  /** The hiring decision recorded on it (outcome and when), for roles that read reports; else null. */
  decision: { outcome: "ADVANCE" | "HIRE" | "NO_HIRE" | "HOLD"; decidedAt: string } | null;
}

export interface CandidateDetail extends CandidateSummary {
  links: string[];
  privateNotes: string | null;
  erasedAt: string | null;
  updatedAt: string;
  interviews: CandidateInterviewRef[];
}
