#!/bin/sh
# The production image's command: SERVICE picks the process, compiled JavaScript under plain node.
# exec makes that process PID 1, so it receives the SIGTERM of `docker stop` or Kubernetes itself
# and shuts down cleanly (every entry handles SIGTERM).
set -eu
cd "$(dirname "$0")/../.."
case "${SERVICE:-}" in
  xp | roles | onboarding | gateway) exec node "services/$SERVICE/dist/main.js" ;;
  discord-sim) exec node tools/discord-sim/dist/main.js --demo ;;
  demo-players) exec node tools/demo-players/dist/main.js ;;
  dashboard)
    cd apps/dashboard
    exec node ../../node_modules/next/dist/bin/next start -p "${PORT:-3000}"
    ;;
  *)
    echo "SERVICE must be xp, roles, onboarding, gateway, dashboard, discord-sim or demo-players, not '${SERVICE:-}'" >&2
    exit 64
    ;;
esac
