-- Sessions that end: a server-side record per sign-in, checked on every request, and
-- password reset links. See lib/auth/sessions.ts for the design and its measurements.

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "user_agent" TEXT,
    "ip" TEXT,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "password_reset_tokens" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_id" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_reset_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "password_reset_tokens_token_hash_key" ON "password_reset_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "password_reset_tokens_user_id_idx" ON "password_reset_tokens"("user_id");

-- CreateIndex
CREATE INDEX "password_reset_tokens_created_by_id_idx" ON "password_reset_tokens"("created_by_id");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The session rule, once, in the database: the session exists for that user, is not revoked,
-- is within its absolute lifetime (expires_at, set at sign-in) and was seen within
-- p_idle_seconds (the idle timeout, passed by the app so a tightened setting applies at once).
-- With p_touch, last_seen_at moves forward — at most once a minute, so a busy session costs
-- one small UPDATE a minute, not one per request. SKIP LOCKED: a touch never waits for a lock
-- (another request is touching the same row right now, which is as good), so a scoring batch
-- holding scorecard locks can never deadlock on a session row.
CREATE FUNCTION panelist_session_valid(p_session_id TEXT, p_user_id TEXT, p_idle_seconds INT, p_touch BOOLEAN DEFAULT TRUE)
RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
  v_seen TIMESTAMPTZ;
BEGIN
  SELECT s.last_seen_at INTO v_seen
    FROM sessions s
   WHERE s.id = p_session_id AND s.user_id = p_user_id AND s.revoked_at IS NULL
     AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => p_idle_seconds);
  IF NOT FOUND THEN
    RETURN FALSE;
  END IF;
  IF p_touch AND v_seen < now() - interval '1 minute' THEN
    UPDATE sessions SET last_seen_at = now()
     WHERE id = (SELECT s.id FROM sessions s
                  WHERE s.id = p_session_id AND s.last_seen_at < now() - interval '1 minute'
                    FOR UPDATE SKIP LOCKED);
  END IF;
  RETURN TRUE;
END
$$;

-- The actor of a session, as every request resolves it (lib/auth/actor-query.ts): no row when
-- the session is not valid; one row, all NULL, when the session is valid but its user has no
-- membership (or was deactivated) — the page then says "no access" instead of "sign in";
-- else the actor by panelist_actor's rule (preferred organization, else the oldest membership).
CREATE FUNCTION panelist_session_actor(p_session_id TEXT, p_user_id TEXT, p_preferred_org TEXT, p_idle_seconds INT, p_touch BOOLEAN DEFAULT TRUE)
RETURNS TABLE (user_id TEXT, email TEXT, name TEXT, time_zone TEXT, organization_id TEXT, organization_name TEXT, role TEXT)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  IF NOT panelist_session_valid(p_session_id, p_user_id, p_idle_seconds, p_touch) THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT a.* FROM (SELECT 1) AS one LEFT JOIN panelist_actor(p_user_id, p_preferred_org) a ON TRUE;
END
$$;

-- The scoring write from a session now checks the session in the same statement (still one
-- round trip per write). A NULL p_session_id is a service call with an actor whose session
-- the request already checked (lib/scoring/apply-mutation.ts); the fast path always passes one.
-- The signature changes, so the old functions are dropped rather than left callable without
-- a session check.
DROP FUNCTION panelist_score_write_batch(TEXT[], JSONB);
DROP FUNCTION panelist_session_score_write(TEXT, TEXT, TEXT[], TEXT, JSONB);

CREATE FUNCTION panelist_session_score_write(p_session_id TEXT, p_user_id TEXT, p_preferred_org TEXT, p_roles TEXT[], p_idle_seconds INT, p_interview_id TEXT, m JSONB)
RETURNS JSONB
LANGUAGE plpgsql AS $$
DECLARE
  a RECORD;
BEGIN
  IF p_session_id IS NOT NULL AND NOT panelist_session_valid(p_session_id, p_user_id, p_idle_seconds, TRUE) THEN
    RETURN jsonb_build_object('type', 'rejected', 'code', 'UNAUTHENTICATED', 'message', 'Please sign in to continue.');
  END IF;
  SELECT * INTO a FROM panelist_actor(p_user_id, p_preferred_org);
  IF NOT FOUND THEN
    RETURN jsonb_build_object('type', 'rejected', 'code', 'UNAUTHENTICATED', 'message', 'Please sign in to continue.');
  ELSIF NOT (a.role = ANY (p_roles)) THEN
    RETURN jsonb_build_object('type', 'rejected', 'code', 'FORBIDDEN', 'message', 'Only interviewers on the panel can score.');
  END IF;
  RETURN panelist_score_write(a.organization_id, p_user_id, p_interview_id, m);
END
$$;

-- Group commit, as before (lib/scoring/group-commit.ts); items are now {"s": session, "u": user,
-- "p": preferred organization, "i": interview, "m": mutation}, and p_idle_seconds applies to all.
CREATE FUNCTION panelist_score_write_batch(p_roles TEXT[], p_idle_seconds INT, items JSONB)
RETURNS JSONB
LANGUAGE plpgsql AS $$
DECLARE
  item JSONB;
  outcome JSONB;
  outcomes JSONB := '[]'::jsonb;
BEGIN
  FOR item IN SELECT value FROM jsonb_array_elements(items) LOOP
    BEGIN
      outcome := panelist_session_score_write(item->>'s', item->>'u', item->>'p', p_roles, p_idle_seconds, item->>'i', item->'m');
    EXCEPTION WHEN OTHERS THEN
      outcome := jsonb_build_object('type', 'error', 'sqlstate', SQLSTATE, 'message', SQLERRM);
    END;
    outcomes := outcomes || jsonb_build_array(outcome);
  END LOOP;
  RETURN outcomes;
END
$$;

-- Open event streams must end as soon as their user's access does. Whatever ends it — a
-- revoked session (sign-out, sign out everywhere, a password change or reset), a removed
-- membership, a changed role — tells every app instance on the live channel, inside the same
-- transaction (delivered on commit); each instance re-checks that user's open streams
-- (lib/live/stream-guard.ts). Triggers, so that no path that ends access can forget to say so.
-- Identical payloads in one transaction are delivered once, so revoking many sessions is one event.
CREATE FUNCTION panelist_notify_auth()
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
  PERFORM pg_notify('panelist_live', jsonb_build_object('v', 1, 't', 'auth', 'u', v_user)::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER sessions_revoked_notify
  AFTER UPDATE OF revoked_at ON sessions
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION panelist_notify_auth();

CREATE TRIGGER memberships_removed_notify
  AFTER DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION panelist_notify_auth();

CREATE TRIGGER memberships_role_changed_notify
  AFTER UPDATE OF role ON memberships
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role)
  EXECUTE FUNCTION panelist_notify_auth();

-- A deactivated account keeps no session. No service deactivates accounts today; whatever
-- does (a support script, a later admin page) ends the sessions, and so the streams, too.
CREATE FUNCTION panelist_end_sessions_of_deactivated_user()
RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sessions SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER users_deactivated_end_sessions
  AFTER UPDATE OF deactivated_at ON users
  FOR EACH ROW WHEN (OLD.deactivated_at IS NULL AND NEW.deactivated_at IS NOT NULL)
  EXECUTE FUNCTION panelist_end_sessions_of_deactivated_user();
