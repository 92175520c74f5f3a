#!/bin/sh
# Reloads nginx and returns only when the workers that served the old configuration have
# exited. `nginx -s reload` returns at once: for a moment old and new workers accept on the
# same socket, so a check right after it can be answered by either upstream. A switch (or a
# switch back) is done when no old worker is left. Usage: nginx-reload.sh PREFIX CONF [SECONDS]
set -eu
prefix=$1 conf=$2 limit=${3:-60}
# A configuration nginx would refuse: say so now (a refused reload keeps the old workers,
# and the wait below would only time out).
nginx -t -q -p "$prefix" -c "$conf"
master=$(cat "$prefix/nginx.pid")
# The wait reads the workers' states in /proc (Linux); without it, it could not tell.
[ -d "/proc/$master" ] || { echo "nginx-reload: no /proc/$master (is nginx running? is this Linux?)" >&2; exit 1; }
old=$(pgrep -P "$master" || true)
nginx -p "$prefix" -c "$conf" -s reload
deadline=$(( $(date +%s) + limit ))
while :; do
  left=""
  for pid in $old; do
    # A worker that has exited but is not yet reaped is a zombie (state Z): gone for clients.
    state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)
    [ -n "$state" ] && [ "$state" != Z ] && left="$left $pid"
  done
  [ -z "$left" ] && exit 0
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "nginx-reload: old workers still running after ${limit}s:$left" >&2
    exit 1
  fi
  sleep 0.1
done
