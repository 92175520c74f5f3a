#!/usr/bin/env bash
# A cutover night on this machine, in one command: the sample dataset's system
# edu-student-registry moves from an "old room" to a "cloud", both on loopback.
#   - two PostgreSQL clusters made with initdb (database `registry`), a file tree,
#   - two small web applications (python3 -m http.server) and nginx in front,
#   - govcloud cutover: freeze (database read-only), pg_dump | psql, rsync --checksum,
#     compare, nginx upstream swap + reload, smoke checks through nginx, observation.
# Needs: node (npm ci done), postgresql, rsync, nginx, python3. Everything lives in a temp
# folder (printed), removed at the end unless KEEP=1. Usage: examples/local-cutover/demo.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
GOVCLOUD="node $ROOT/dist/cli/main.js"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
for tool in "$PG_BIN/initdb" psql pg_dump rsync nginx python3; do
  command -v "$tool" >/dev/null || { echo "demo: $tool is missing (apt-get install postgresql rsync nginx python3)"; exit 2; }
done
[ -f "$ROOT/dist/cli/main.js" ] || (cd "$ROOT" && npm run build --silent)

WORK="$(mktemp -d /tmp/govcloud-demo-XXXXXX)"; chmod 755 "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PIDS=()
cleanup() {
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true
  for side in old-room cloud; do as_pg "$PG_BIN/pg_ctl" -D "$WORK/$side/pg/data" -m fast -w stop >/dev/null 2>&1 || true; done
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ "${KEEP:-0}" = 1 ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

echo "== the sites, in $WORK"
cp -r "$ROOT/inventories/zhoucun" "$WORK/zhoucun"; cp "$ROOT/inventories/zhoucun.lock.yaml" "$WORK/"
for side in old-room cloud; do
  mkdir -p "$WORK/$side/pg" "$WORK/$side/web" "$WORK/$side/files"
  [ "$(id -u)" = 0 ] && chown postgres "$WORK/$side/pg"
  port=$(free_port); echo "$port" > "$WORK/$side/pg.port"
  as_pg "$PG_BIN/initdb" -D "$WORK/$side/pg/data" -A trust -U postgres --no-sync >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/$side/pg/data" -l "$WORK/$side/pg/server.log" -w -o "-p $port -k $WORK/$side/pg -c listen_addresses=127.0.0.1" start >/dev/null
  echo "$side" > "$WORK/$side/web/index.html"; echo "$side" > "$WORK/$side/web/health"
  web=$(free_port); echo "$web" > "$WORK/$side/web.port"
  python3 -m http.server "$web" --bind 127.0.0.1 --directory "$WORK/$side/web" >/dev/null 2>&1 & PIDS+=($!)
done
OLD_PG=$(cat "$WORK/old-room/pg.port"); CLOUD_PG=$(cat "$WORK/cloud/pg.port")
psql -h 127.0.0.1 -p "$OLD_PG" -U postgres -qc "CREATE DATABASE registry"
psql -h 127.0.0.1 -p "$OLD_PG" -U postgres -d registry -qc "CREATE TABLE citizens (id int PRIMARY KEY, name text); INSERT INTO citizens SELECT g, 'citizen ' || g FROM generate_series(1, 1000) g"
for i in $(seq 1 50); do echo "scan $i" > "$WORK/old-room/files/scan-$i.txt"; done
NGINX_PORT=$(free_port); mkdir -p "$WORK/nginx/logs"
upstream() { echo "upstream app { server 127.0.0.1:$(cat "$WORK/$1/web.port"); }"; }
upstream old-room > "$WORK/nginx/upstream.conf"; upstream old-room > "$WORK/upstream-old.conf"; upstream cloud > "$WORK/upstream-cloud.conf"
cat > "$WORK/nginx/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 1; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/logs/error.log;
events { worker_connections 64; }
http { access_log off; client_body_temp_path $WORK/nginx/b; proxy_temp_path $WORK/nginx/p; fastcgi_temp_path $WORK/nginx/f; uwsgi_temp_path $WORK/nginx/u; scgi_temp_path $WORK/nginx/s;
  include $WORK/nginx/upstream.conf; server { listen 127.0.0.1:$NGINX_PORT; location / { proxy_pass http://app; } } }
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
cat > "$WORK/compare.sh" <<'CMP'
#!/bin/sh
# Row count and MD5 of every row, source against target: exit 1 when they differ.
q="SELECT count(*) || ' ' || md5(string_agg(id || ':' || name, ',' ORDER BY id)) FROM citizens"
a=$(psql -h 127.0.0.1 -p "$1" -U postgres -d registry -Atc "$q"); b=$(psql -h 127.0.0.1 -p "$2" -U postgres -d registry -Atc "$q")
echo "source $a"; echo "target $b"; [ "$a" = "$b" ]
CMP
chmod +x "$WORK/compare.sh"
sed -e "s|@OLD_PG@|$OLD_PG|g; s|@CLOUD_PG@|$CLOUD_PG|g; s|@WORK@|$WORK|g; s|@ROOT@|$ROOT|g; s|@NGINX@|http://127.0.0.1:$NGINX_PORT|g" \
  "$ROOT/examples/local-cutover/cutover.yaml.in" > "$WORK/zhoucun/cutover.yaml"

cd "$WORK"
echo "== the wave is built (the platform team ran pulumi up)"
$GOVCLOUD waves zhoucun --set 2018-05-12-a=deployed
echo "== rehearsal: every step, resolved"
$GOVCLOUD cutover run zhoucun --wave 2018-05-12-a --systems edu-student-registry --dry-run
echo "== before: $(curl -s "http://127.0.0.1:$NGINX_PORT/")"
echo "== cutover night"
$GOVCLOUD cutover run zhoucun --wave 2018-05-12-a --systems edu-student-registry --now 2018-05-12T22:05
echo "== after: $(curl -s "http://127.0.0.1:$NGINX_PORT/"); cloud rows: $(psql -h 127.0.0.1 -p "$CLOUD_PG" -U postgres -d registry -Atc 'SELECT count(*) FROM citizens')"
$GOVCLOUD cutover status
$GOVCLOUD cutover journal verify
echo "== the operator switches back (the old room stayed ready during the observation)"
$GOVCLOUD cutover rollback edu-student-registry --by demo
echo "== after the rollback: $(curl -s "http://127.0.0.1:$NGINX_PORT/")"
