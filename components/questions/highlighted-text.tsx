import type { HighlightSegment } from "@/lib/questions/types";

/** Search highlights as React text and <mark> elements: no HTML from the database is injected. */
export function HighlightedText({ segments }: { segments: HighlightSegment[] }) {
  return (
    <>
      {segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}
