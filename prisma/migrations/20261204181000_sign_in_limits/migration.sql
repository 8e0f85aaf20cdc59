-- Sign-in limits that hold under parallel attempts. lib/auth/rate-limit.ts holds the numbers
-- (SIGN_IN_LIMITS, passed in as JSON) and the design; this file is the mechanism.
--
-- panelist_take_sign_in_attempt counts one attempt and decides whether it may go on to the
-- password check, in one statement: attempts sharing an account or an address queue on
-- transaction-scoped advisory locks, so each one reads the counts the previous one left. An
-- allowed attempt is counted as a failure at once; a correct password takes it back
-- (panelist_refund_sign_in_attempt). A refused attempt changes nothing.
--
-- No deadlocks: advisory locks are taken first, in one order, and by nothing else; row locks
-- are then taken in key order by both functions (the password limits lock one row per
-- statement); the clean-up skips locked rows.

-- AlterTable
ALTER TABLE "rate_limit_buckets" ADD COLUMN "last_attempt_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "rate_limit_buckets_reset_at_idx" ON "rate_limit_buckets"("reset_at");

-- Counts one attempt on a bucket: a fresh window when the old one is over; a sliding window
-- (forgotten `p_window_seconds` after the last attempt) or a fixed one (from the first).
CREATE FUNCTION panelist_count_attempt(p_key TEXT, p_window_seconds DOUBLE PRECISION, p_sliding BOOLEAN, p_now TIMESTAMPTZ)
RETURNS VOID
LANGUAGE sql AS $$
  INSERT INTO rate_limit_buckets AS b (key, count, reset_at, last_attempt_at, updated_at)
  VALUES (p_key, 1, p_now + make_interval(secs => p_window_seconds), p_now, p_now)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN b.reset_at <= p_now THEN 1 ELSE b.count + 1 END,
    reset_at = CASE WHEN p_sliding OR b.reset_at <= p_now THEN p_now + make_interval(secs => p_window_seconds) ELSE b.reset_at END,
    last_attempt_at = p_now,
    updated_at = p_now
$$;

-- Whole seconds until `p_until` (at least 1).
CREATE FUNCTION panelist_seconds_until(p_until TIMESTAMPTZ, p_now TIMESTAMPTZ)
RETURNS INTEGER
LANGUAGE sql IMMUTABLE AS $$
  SELECT GREATEST(1, CEIL(EXTRACT(EPOCH FROM (p_until - p_now))))::INTEGER
$$;

CREATE FUNCTION panelist_take_sign_in_attempt(
  p_account TEXT, -- failures on this account, from every address
  p_address TEXT, -- failures from this address, on every account
  p_pair TEXT,    -- failures on this account from this address
  p_spray TEXT,   -- distinct accounts failed from this address
  p_global TEXT,  -- every failure, site-wide
  p_limits JSONB  -- SIGN_IN_LIMITS (lib/auth/rate-limit.ts)
)
RETURNS TABLE (allowed BOOLEAN, retry_after_seconds INTEGER, rule TEXT, counted_for_spray BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE
  v_now TIMESTAMPTZ := now();
  v_lock_space INTEGER := hashtext('panelist.sign-in');
  v_hash INTEGER;
  v_account rate_limit_buckets;
  v_address rate_limit_buckets;
  v_pair rate_limit_buckets;
  v_spray rate_limit_buckets;
  v_global rate_limit_buckets;
  v_pair_failures INTEGER;
  v_until TIMESTAMPTZ;
  v_new_account_for_address BOOLEAN;
  v_bucket RECORD;
  l_pair JSONB := p_limits -> 'pair';
  l_account JSONB := p_limits -> 'account';
  l_address JSONB := p_limits -> 'address';
  l_spray JSONB := p_limits -> 'spray';
  l_global JSONB := p_limits -> 'global';
BEGIN
  -- The account lock and the address lock together cover the pair; always taken in the same
  -- order, so two attempts never wait on each other crosswise. The global counter is not
  -- locked: it is a rate, and the attempts in flight do not change what it means.
  FOR v_hash IN SELECT DISTINCT hashtext(k) FROM unnest(ARRAY[p_account, p_address]) AS k ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(v_lock_space, v_hash);
  END LOOP;

  -- A bucket whose window is over reads as absent (all fields NULL).
  SELECT * INTO v_account FROM rate_limit_buckets WHERE key = p_account AND reset_at > v_now;
  SELECT * INTO v_address FROM rate_limit_buckets WHERE key = p_address AND reset_at > v_now;
  SELECT * INTO v_pair FROM rate_limit_buckets WHERE key = p_pair AND reset_at > v_now;
  SELECT * INTO v_spray FROM rate_limit_buckets WHERE key = p_spray AND reset_at > v_now;
  SELECT * INTO v_global FROM rate_limit_buckets WHERE key = p_global AND reset_at > v_now;
  v_pair_failures := COALESCE(v_pair.count, 0);

  -- 1. This address failed too often, on any accounts: refused until its window ends.
  IF COALESCE(v_address.count, 0) >= (l_address ->> 'limit')::INTEGER THEN
    RETURN QUERY SELECT FALSE, panelist_seconds_until(v_address.reset_at, v_now), 'address'::TEXT, FALSE;
    RETURN;
  END IF;

  -- 2. Spray: this address failed on too many distinct accounts.
  IF COALESCE(v_spray.count, 0) >= (l_spray ->> 'distinctAccounts')::INTEGER THEN
    RETURN QUERY SELECT FALSE, panelist_seconds_until(v_spray.reset_at, v_now), 'spray'::TEXT, FALSE;
    RETURN;
  END IF;

  -- 3. This account from this address: free attempts, then a delay after each failure that
  --    doubles (capped).
  IF v_pair_failures >= (l_pair ->> 'freeAttempts')::INTEGER THEN
    v_until := v_pair.last_attempt_at + make_interval(secs => LEAST(
      (l_pair ->> 'maxDelaySeconds')::DOUBLE PRECISION,
      (l_pair ->> 'firstDelaySeconds')::DOUBLE PRECISION * power(2, LEAST(v_pair_failures - (l_pair ->> 'freeAttempts')::INTEGER, 30))
    ));
    IF v_until > v_now THEN
      RETURN QUERY SELECT FALSE, panelist_seconds_until(v_until, v_now), 'pair'::TEXT, FALSE;
      RETURN;
    END IF;
  END IF;

  -- 4. The account, over its limit from all addresses together: refused only from addresses
  --    that have themselves failed on it, so a stranger cannot lock its owner out of a
  --    correct sign-in from an address that has not been failing.
  IF COALESCE(v_account.count, 0) >= (l_account ->> 'limit')::INTEGER
     AND v_pair_failures >= (l_account ->> 'appliesAfterPairFailures')::INTEGER THEN
    RETURN QUERY SELECT FALSE, panelist_seconds_until(v_account.reset_at, v_now), 'account'::TEXT, FALSE;
    RETURN;
  END IF;

  -- 5. Site-wide failures over the ceiling: every address that has been failing waits a
  --    cooldown between attempts. Addresses with no recent failure are not slowed.
  IF COALESCE(v_global.count, 0) >= (l_global ->> 'limit')::INTEGER AND v_address.last_attempt_at IS NOT NULL THEN
    v_until := v_address.last_attempt_at + make_interval(secs => (l_global ->> 'cooldownSeconds')::DOUBLE PRECISION);
    IF v_until > v_now THEN
      RETURN QUERY SELECT FALSE, panelist_seconds_until(v_until, v_now), 'global'::TEXT, FALSE;
      RETURN;
    END IF;
  END IF;

  -- Allowed: counted as a failure now; a correct password takes it back.
  -- A distinct account for the spray count: this pair has no attempt in the spray window.
  v_new_account_for_address := v_pair.last_attempt_at IS NULL OR v_spray.reset_at IS NULL
    OR v_pair.last_attempt_at <= v_spray.reset_at - make_interval(secs => (l_spray ->> 'windowSeconds')::DOUBLE PRECISION);
  -- Now and then, forget buckets whose windows ended over an hour ago (any key), a few at a
  -- time, never waiting for a row another attempt holds.
  IF random() < 0.01 THEN
    DELETE FROM rate_limit_buckets WHERE key IN (
      SELECT key FROM rate_limit_buckets WHERE reset_at < v_now - interval '1 hour' LIMIT 1000 FOR UPDATE SKIP LOCKED
    );
  END IF;

  FOR v_bucket IN
    SELECT * FROM (VALUES
      (p_pair, (l_pair ->> 'forgetAfterSeconds')::DOUBLE PRECISION, TRUE),
      (p_account, (l_account ->> 'windowSeconds')::DOUBLE PRECISION, FALSE),
      (p_address, (l_address ->> 'windowSeconds')::DOUBLE PRECISION, FALSE),
      (p_global, (l_global ->> 'windowSeconds')::DOUBLE PRECISION, FALSE)
    ) AS t(key, window_seconds, sliding)
    UNION ALL
    SELECT p_spray, (l_spray ->> 'windowSeconds')::DOUBLE PRECISION, FALSE WHERE v_new_account_for_address
    ORDER BY 1
  LOOP
    PERFORM panelist_count_attempt(v_bucket.key, v_bucket.window_seconds, v_bucket.sliding, v_now);
  END LOOP;

  RETURN QUERY SELECT TRUE, 0, NULL::TEXT, v_new_account_for_address;
END;
$$;

-- A correct password: the attempt was no failure after all. The pair's history is cleared
-- (this address knows the password); the other buckets give back the one attempt. Row locks in
-- key order, like panelist_take_sign_in_attempt.
CREATE FUNCTION panelist_refund_sign_in_attempt(p_pair TEXT, p_shared TEXT[])
RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
  v_key TEXT;
BEGIN
  FOR v_key IN SELECT DISTINCT k FROM unnest(array_append(p_shared, p_pair)) AS k ORDER BY 1 LOOP
    IF v_key = p_pair THEN
      DELETE FROM rate_limit_buckets WHERE key = v_key;
    ELSE
      UPDATE rate_limit_buckets SET count = GREATEST(count - 1, 0), updated_at = now() WHERE key = v_key AND reset_at > now();
    END IF;
  END LOOP;
END;
$$;
