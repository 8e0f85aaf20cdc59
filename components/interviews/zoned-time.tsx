import { formatRangeInZone, zonedTime } from "@/lib/interviews/time-zones";

/**
 * An interview's time for one viewer: first in the viewer's own zone, with the zone named,
 * then — when it differs — as the organizer entered it.
 */
export function ZonedTimeRange({ start, end, viewerZone, organizerZone }: { start: string; end: string; viewerZone: string; organizerZone: string }) {
  const mine = formatRangeInZone(start, end, viewerZone);
  const theirs = zonedTime(start, organizerZone).zone !== zonedTime(start, viewerZone).zone ? formatRangeInZone(start, end, organizerZone) : null;
  return (
    <span className="block">
      <time dateTime={start} className="font-medium">
        {mine}
      </time>
      {theirs && <span className="block text-xs text-slate-600 dark:text-slate-400">Scheduled as {theirs}</span>}
    </span>
  );
}
