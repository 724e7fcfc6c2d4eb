#!/usr/bin/env bash
# `npm test` with every Node process's clock moved (default: to June 2029), to show that no test
# depends on today's date: bookings follow the clock (tests/helpers/dates.ts) and browsers are
# started at the moved time (tests/helpers/browser.ts). Usage: scripts/test-in-another-year.sh [ISO date-time]
set -euo pipefail
cd "$(dirname "$0")/.."
export TEST_CLOCK_START="${1:-2029-06-14T09:00:00Z}"
export TEST_CLOCK_ANCHOR="$(date +%s%3N)"
export NODE_OPTIONS="--import $PWD/tests/helpers/shifted-clock.mjs ${NODE_OPTIONS:-}"
echo "Every clock starts at $TEST_CLOCK_START"
exec bash scripts/test.sh
