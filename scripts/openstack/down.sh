#!/usr/bin/env bash
# Stops what scripts/openstack/up.sh started (the state folder stays, for a faster next start).
set -uo pipefail
STATE=${1:-${GOVCLOUD_OPENSTACK_DIR:-/tmp/govcloud-openstack}}
for pidfile in "$STATE/run/neutron.pid" "$STATE/run/keystone.pid"; do
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  rm -f "$pidfile"
done
[ -f "$STATE/pg/postmaster.pid" ] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$STATE/pg" -m fast stop >/dev/null
exit 0
