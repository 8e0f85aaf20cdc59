// Renders the room's workspace (the real components, keyboard and all) with the field values
// kept in memory: every change the room enqueues is recorded in `log` and applied the way the
// mutation queue shows it, so the screen reacts as in the browser.
import { useCallback, useState } from "react";
import { RoomWorkspace, type RoomWorkspaceProps } from "@/components/room/room-workspace";
import { applyChange, type Change } from "@/lib/scoring/mutation-queue";
import { type FieldValue, fieldKey, fieldKeyOfValue, type Mutation } from "@/lib/scoring/schemas";
import type { RoomState } from "@/lib/scoring/types";

export function initialValues(room: RoomState): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>();
  const me = room.me;
  if (me) for (const v of [me.card, ...me.criteria, ...me.attributes, ...me.notes]) out.set(fieldKeyOfValue(v), v);
  return out;
}

export function RoomHarness({ room, log, overrides }: { room: RoomState; log: Change[]; overrides?: Partial<RoomWorkspaceProps> }) {
  const [values, setValues] = useState(() => initialValues(room));
  const [questionIndex, setQuestionIndex] = useState<number | null>(0);
  const enqueue = useCallback(
    (change: Change) => {
      log.push(change);
      setValues((prev) => {
        const m = { ...change, mutationId: "m_harness", baseVersion: 0 } as Mutation;
        const key = fieldKey(m);
        const next = new Map(prev);
        const v = applyChange(prev.get(key), m);
        if (v) next.set(key, v);
        return next;
      });
    },
    [log],
  );
  return (
    <RoomWorkspace
      room={room}
      values={values}
      enqueue={enqueue}
      questionIndex={questionIndex}
      onQuestionIndex={setQuestionIndex}
      readOnly={false}
      submittedOnServer={false}
      submitting={false}
      submitError={null}
      serverOffsetMs={0}
      reload={async () => {}}
      {...overrides}
    />
  );
}
