-- Signed webhooks from a transactional outbox (lib/webhooks, #18).
--
-- webhook_endpoints: an organization's receivers (https URL, subscribed event types, the signing
-- secret, enabled or disabled with the reason, and the run of failed attempts that disables it).
-- webhook_events: the outbox — one row per event, written in the transaction of the change it
-- describes (lib/webhooks/record-webhook-event.ts), so an event exists exactly when its change
-- committed, whatever happens to the process afterwards.
-- webhook_deliveries: one event to one endpoint (fanned out in the same transaction, to the
-- endpoints subscribed at that moment; a resend adds another row): its attempts, when the next one
-- is due, and the last answer. A worker attempts it under a row lock (lib/webhooks/deliver-webhook.ts).
--
-- notifications gain owner/admin notices that belong to no panel seat (an endpoint disabled after
-- repeated failure): panelist_id and interview_id become optional.
CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_reason" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "webhook_events" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_status_code" INTEGER,
    "last_duration_ms" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed'))
);

CREATE INDEX "webhook_endpoints_organization_id_idx" ON "webhook_endpoints"("organization_id");
CREATE INDEX "webhook_events_organization_id_created_at_idx" ON "webhook_events"("organization_id", "created_at");
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at");
CREATE INDEX "webhook_deliveries_event_id_idx" ON "webhook_deliveries"("event_id");
CREATE INDEX "webhook_deliveries_organization_id_idx" ON "webhook_deliveries"("organization_id");

ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "notifications" ALTER COLUMN "panelist_id" DROP NOT NULL;
ALTER TABLE "notifications" ALTER COLUMN "interview_id" DROP NOT NULL;
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("kind" IN ('scorecard.reminder', 'scorecard.escalation', 'webhook.disabled'));
-- A reminder names its seat; only a notice about no seat may leave it out.
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_seat_check" CHECK ("kind" = 'webhook.disabled' OR ("panelist_id" IS NOT NULL AND "interview_id" IS NOT NULL));

-- The one rule for recording an event (lib/webhooks/record-webhook-event.ts calls it too): nothing
-- when no enabled endpoint of the organization subscribes to the type; else the event — with the
-- candidate as {id}, plus name and email only while anonymized review is off and the candidate is
-- not erased — and one delivery per subscribed endpoint. Returns the event id, or NULL.
CREATE FUNCTION panelist_record_webhook_event(p_org TEXT, p_type TEXT, p_data JSONB, p_candidate TEXT)
RETURNS TEXT
LANGUAGE plpgsql AS $$
DECLARE
  v_id TEXT;
  v_payload JSONB := p_data;
  v_name TEXT;
  v_email TEXT;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE organization_id = p_org AND enabled AND p_type = ANY(events)) THEN
    RETURN NULL;
  END IF;
  IF p_candidate IS NOT NULL THEN
    SELECT c.name, c.email INTO v_name, v_email
      FROM candidates c JOIN organizations o ON o.id = c.organization_id
     WHERE c.id = p_candidate AND c.organization_id = p_org AND c.erased_at IS NULL AND NOT o.anonymized_review;
    IF FOUND THEN
      v_payload := v_payload || jsonb_build_object('candidate', jsonb_build_object('id', p_candidate, 'name', v_name, 'email', v_email));
    ELSE
      v_payload := v_payload || jsonb_build_object('candidate', jsonb_build_object('id', p_candidate));
    END IF;
  END IF;
  v_id := 'evt_' || replace(gen_random_uuid()::text, '-', '');
  INSERT INTO webhook_events (id, organization_id, type, payload) VALUES (v_id, p_org, p_type, v_payload);
  INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id)
    SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), p_org, v_id, e.id
      FROM webhook_endpoints e
     WHERE e.organization_id = p_org AND e.enabled AND p_type = ANY(e.events);
  RETURN v_id;
END
$$;

-- scorecard.submitted and interview.completed come from the scoring write, which is one SQL
-- function on the group-commit path: triggers record them in its transaction, so no path that
-- submits (the write, the fast path of the production server, a future one) can forget.
CREATE FUNCTION panelist_webhook_scorecard_submitted()
RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  v_org TEXT;
  v_candidate TEXT;
  v_user TEXT;
BEGIN
  SELECT i.organization_id, i.candidate_id, p.user_id INTO v_org, v_candidate, v_user
    FROM interviews i JOIN panelists p ON p.id = NEW.panelist_id
   WHERE i.id = NEW.interview_id;
  PERFORM panelist_record_webhook_event(v_org, 'scorecard.submitted',
    jsonb_build_object('scorecard', jsonb_build_object('id', NEW.id, 'interviewId', NEW.interview_id, 'interviewerId', v_user,
      'recommendation', NEW.recommendation, 'submittedAt', to_char(NEW.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
    v_candidate);
  RETURN NULL;
END
$$;

CREATE TRIGGER scorecards_webhook_submitted
  AFTER UPDATE OF status ON scorecards
  FOR EACH ROW WHEN (NEW.status = 'SUBMITTED' AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION panelist_webhook_scorecard_submitted();

CREATE TRIGGER scorecards_webhook_submitted_inserted
  AFTER INSERT ON scorecards
  FOR EACH ROW WHEN (NEW.status = 'SUBMITTED')
  EXECUTE FUNCTION panelist_webhook_scorecard_submitted();

CREATE FUNCTION panelist_webhook_interview_completed()
RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM panelist_record_webhook_event(NEW.organization_id, 'interview.completed',
    jsonb_build_object('interview', jsonb_build_object('id', NEW.id, 'kitId', NEW.kit_id,
      'startsAt', to_char(NEW.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
    NEW.candidate_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER interviews_webhook_completed
  AFTER UPDATE OF status ON interviews
  FOR EACH ROW WHEN (NEW.status = 'COMPLETED' AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION panelist_webhook_interview_completed();
