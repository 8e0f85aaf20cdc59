#!/usr/bin/env bash
# Runs the integration and security suites, and the browser walk-through, a second time against
# a real external PostgreSQL server from Debian's `postgresql` package (installed when missing),
# through DATABASE_URL:
# migrations as their own step (the suites migrate their throwaway databases), no app seeding.
# Called by .ci/run after `npm test` (which built .next-e2e/, reused here).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "--- Installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends postgresql
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PORT="${CI_PG_PORT:-55432}"
DIR="$(mktemp -d /tmp/panelist-ci-postgres.XXXXXX)"
chmod 755 "$DIR"
$SUDO chown postgres "$DIR"
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else $SUDO runuser -u postgres -- "$@"; fi; }
stop() {
  as_postgres "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
  $SUDO rm -rf "$DIR"
}
trap stop EXIT

echo "--- Starting Debian's PostgreSQL ($("$PGBIN/postgres" --version)) on 127.0.0.1:$PORT"
echo postgres | as_postgres tee "$DIR/pw" >/dev/null
as_postgres "$PGBIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/pw" --auth-local=peer --auth-host=scram-sha-256 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c max_connections=200 -c fsync=off" start >/dev/null

export DATABASE_URL="postgresql://postgres:postgres@127.0.0.1:$PORT/postgres"
mkdir -p test-results

echo "--- Integration and security suites against Debian's PostgreSQL (DATABASE_URL)"
node node_modules/vitest/vitest.mjs run --project integration --project security \
  --reporter=default --reporter=json --outputFile.json=test-results/external-pg-vitest.json
node -e '
  const r = require("./test-results/external-pg-vitest.json");
  console.log(`external PostgreSQL, Vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  process.exit(r.numFailedTests > 0 || !r.success ? 1 : 0);
'

# The browser suite's walk-through against it: sign-up and sign-in, scheduling, the room from
# lobby to submit, and the report. `npm test` has already run every spec on the same build
# (embedded PostgreSQL); what differs here is only the database server, and SQL reaches it
# through the integration and security suites above. E2E_EXTERNAL_SPECS="" runs every spec.
echo "--- End-to-end walk-through against Debian's PostgreSQL (DATABASE_URL)"
read -r -a SPECS <<< "${E2E_EXTERNAL_SPECS-e2e/auth.spec.ts e2e/scheduling.spec.ts e2e/room-flow.spec.ts e2e/reports.spec.ts}"
E2E_JSON_REPORT=test-results/external-pg-e2e.json NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-e2e}" npx tsx scripts/e2e.ts "${SPECS[@]}"
