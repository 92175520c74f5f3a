#!/usr/bin/env bash
# Stops what scripts/openstack/up.sh started, and waits until it is gone.
set -uo pipefail
STATE=${1:-${GOVCLOUD_OPENSTACK_DIR:-/tmp/govcloud-openstack}}
pids=()
for pidfile in "$STATE/run/neutron.pid" "$STATE/run/keystone.pid"; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  # up.sh starts each service in its own session: stop the whole group (API workers included).
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
  pids+=("$pid")
  rm -f "$pidfile"
done
for _ in $(seq 1 60); do
  alive=0
  for pid in "${pids[@]}"; do pgrep -g "$pid" >/dev/null 2>&1 && alive=1; done
  [ $alive = 0 ] && break
  sleep 0.5
done
for pid in "${pids[@]}"; do pkill -KILL -g "$pid" 2>/dev/null; done
[ -f "$STATE/pg/postmaster.pid" ] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$STATE/pg" -m fast -w stop >/dev/null
exit 0
