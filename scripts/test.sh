#!/usr/bin/env bash
# The one test command (`npm test`): installs missing system packages, starts the static checks,
# a private redis-server and a private PostgreSQL (for the suites of several processes) while it
# builds the client, runs every suite with the checks beside it, and fails if any test or check
# failed or any test was skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
began=$SECONDS

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
# Only to check that the deployment's proxy configuration is one Caddy accepts.
command -v caddy >/dev/null 2>&1 || missing+=(caddy)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
fi

mkdir -p test-artifacts
checks=0
# A test that sleeps and then looks passes by luck: refused before anything runs.
node scripts/check-test-waits.mjs || checks=1

# Types, lint and unused code run beside the tests (they need no server); their output is shown
# at the end. A failure fails the run, but the tests still run so one report shows everything.
(
  status=0
  for check in "npm run --silent typecheck" "npm run --silent lint" "npx knip --no-config-hints"; do
    echo "── $check"
    $check || status=1
  done
  exit $status
) > test-artifacts/static-checks.log 2>&1 &
static_checks=$!

# A private Redis with AOF on, on a free port, in a temporary folder; stopped on exit.
redis_dir=$(mktemp -d)
redis_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" --appendonly yes --save '' \
  --daemonize yes --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
# A private PostgreSQL the same way (scripts/private-postgres.sh runs it as an unprivileged user).
postgres_dir=$(mktemp -d)
postgres_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
cleanup() {
  if [ -f "$redis_dir/redis.pid" ]; then kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null || true; fi
  bash scripts/private-postgres.sh stop "$postgres_dir" immediate 2>/dev/null || true
  rm -rf "$redis_dir" "$postgres_dir"
}
trap cleanup EXIT
for _ in $(seq 1 50); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done

bash scripts/private-postgres.sh start "$postgres_dir" "$postgres_port" &
postgres_started=$!

# The client is built while the checks run and PostgreSQL starts (the browser tests need it).
echo "Building the client"
build_began=$SECONDS
npx vite build --logLevel warn
node scripts/compress-assets.mjs
built=$SECONDS
wait $postgres_started

status=0
REDIS_URL="redis://127.0.0.1:$redis_port" TEST_DATABASE_URL="postgres://lp@127.0.0.1:$postgres_port/postgres" npx vitest run \
  --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest-report.json "$@" || status=$?
tested=$SECONDS
node scripts/check-test-report.mjs test-artifacts/vitest-report.json || status=1

wait $static_checks || checks=1
cat test-artifacts/static-checks.log
if [ $checks -ne 0 ]; then echo "✗ a static check (test waits, tsc, oxlint or knip) failed: see above"; status=1; fi
echo "Wall time: $((SECONDS - began)) s (client build $((built - build_began)) s beside the static checks, tests $((tested - built)) s)"
exit $status
