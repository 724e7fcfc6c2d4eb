#!/usr/bin/env bash
# The one test command (`npm test`): installs missing system packages, builds the client,
# starts a private redis-server for the Redis suites, runs every suite, and fails if any
# test failed or was skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
fi

echo "Building the client"
npx vite build --logLevel warn
node scripts/compress-assets.mjs

# Static checks first: types, lint, unused exports and dependencies. A failure fails the run,
# but the test suites still run so one report shows everything.
checks=0
echo "Type-checking";            npx tsc --noEmit -p . || checks=1
echo "Linting";                  npx eslint . || checks=1
echo "Looking for unused code";  npx knip --no-config-hints || checks=1

# A private Redis with AOF on, on a free port, in a temporary folder; stopped on exit.
redis_dir=$(mktemp -d)
redis_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" --appendonly yes --save '' \
  --daemonize yes --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
cleanup() {
  if [ -f "$redis_dir/redis.pid" ]; then kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$redis_dir"
}
trap cleanup EXIT
for _ in $(seq 1 50); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done

mkdir -p test-artifacts
status=0
REDIS_URL="redis://127.0.0.1:$redis_port" npx vitest run \
  --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest-report.json "$@" || status=$?
node scripts/check-test-report.mjs test-artifacts/vitest-report.json || status=1
if [ $checks -ne 0 ]; then echo "✗ a static check (tsc, eslint or knip) failed: see above"; status=1; fi
exit $status
