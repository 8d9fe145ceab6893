#!/bin/sh
# `npm start`, `npm test` and `npm run bench:*` land here, so both work on a fresh clone: Node 24 is provisioned
# if needed, dependencies installed when missing or stale, the web app built when out of date.
set -e
cd "$(dirname "$0")/.."
. scripts/ensure-node.sh
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --loglevel=error --no-audit --no-fund
fi
web_stale() {
  [ ! -f web/dist/index.html ] || [ -n "$(find web package-lock.json -newer web/dist/index.html -not -path 'web/dist*' -type f | head -n 1)" ]
}
case "$1" in
  start)
    if web_stale; then npm run --silent build; fi
    exec node bin/secdesk.js serve
    ;;
  test)
    exec node scripts/test.ts
    ;;
  bench)
    case "$2" in
      ingest) shift 2; exec node bench/ingest.ts "$@" ;;
      metrics) shift 2; exec node bench/metrics.ts "$@" ;;
      fanout) shift 2; exec node bench/fanout.ts "$@" ;;
      status) shift 2; exec node bench/status.ts "$@" ;;
      *) echo "usage: scripts/run.sh bench ingest|metrics|fanout|status [options]" >&2; exit 2 ;;
    esac
    ;;
  *)
    echo "usage: scripts/run.sh start|test|bench ingest|metrics|fanout|status" >&2
    exit 2
    ;;
esac
