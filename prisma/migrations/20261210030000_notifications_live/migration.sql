-- The notification bell, live: whenever a user's unread in-app count may have changed — an
-- in-app notification inserted (the reminder sweep, or any later writer), read or unread, or an
-- unread one deleted (an interview or a candidate erased) — the live channel hears
-- {"v":1,"t":"notify","u":<user>} inside the same transaction, so it is delivered on commit and
-- never for a write that was rolled back. No content: each of that user's bell streams re-counts
-- with its own actor (lib/feedback/notification-event-stream.ts). Triggers, like the `auth`
-- events of 20261204180000_sessions, so that no path can forget to say so. Identical payloads in
-- one transaction are delivered once: a sweep inserting ten reminders for one person, or
-- "mark all as read", is one event for them.
CREATE FUNCTION panelist_notify_notifications()
RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  v_user TEXT;
BEGIN
  IF TG_OP = 'DELETE' THEN
    v_user := OLD.user_id;
  ELSE
    v_user := NEW.user_id;
  END IF;
  PERFORM pg_notify('panelist_live', jsonb_build_object('v', 1, 't', 'notify', 'u', v_user)::text);
  RETURN NULL;
END
$$;

-- Rows recorded for mail only (muted in the app) are not in the bell: no event.
CREATE TRIGGER notifications_in_app_inserted_notify
  AFTER INSERT ON notifications
  FOR EACH ROW WHEN (NEW.in_app)
  EXECUTE FUNCTION panelist_notify_notifications();

-- Read (or unread), or moved in or out of the app. The mail worker's own updates (email_status,
-- emailed_at) touch neither column and send nothing.
CREATE TRIGGER notifications_read_changed_notify
  AFTER UPDATE OF read_at, in_app ON notifications
  FOR EACH ROW WHEN ((OLD.in_app OR NEW.in_app) AND (OLD.read_at IS DISTINCT FROM NEW.read_at OR OLD.in_app IS DISTINCT FROM NEW.in_app))
  EXECUTE FUNCTION panelist_notify_notifications();

CREATE TRIGGER notifications_unread_deleted_notify
  AFTER DELETE ON notifications
  FOR EACH ROW WHEN (OLD.in_app AND OLD.read_at IS NULL)
  EXECUTE FUNCTION panelist_notify_notifications();
