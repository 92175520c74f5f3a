#!/usr/bin/env bash
# Starts a real Keystone and Neutron API on loopback for the contract test (tests/contract/),
# from the distribution's packages: a private PostgreSQL cluster, Keystone with fernet tokens
# under uwsgi, and neutron-server with ML2 (flat/vlan/vxlan, the openvswitch mechanism
# driver, port security) and the L3 router plugin. No agents and no message broker
# (transport_url = fake://): the API, its database, its quotas and its policies are real;
# nothing is wired (no port binds, no packet flows).
#
#   scripts/openstack/up.sh [STATE_DIR]     prints the environment to source (OS_* variables)
#   scripts/openstack/down.sh [STATE_DIR]   stops everything
#
# Idempotent: a second call with the services up only prints the environment.
set -euo pipefail
STATE=${1:-${GOVCLOUD_OPENSTACK_DIR:-/tmp/govcloud-openstack}}
PG_PORT=${GOVCLOUD_OPENSTACK_PG_PORT:-54329}
KS_PORT=${GOVCLOUD_OPENSTACK_KEYSTONE_PORT:-35357}
NEUTRON_PORT=${GOVCLOUD_OPENSTACK_NEUTRON_PORT:-39696}
ADMIN_PASSWORD=contract-admin
SERVICE_PASSWORD=contract-neutron
PGBIN=/usr/lib/postgresql/15/bin
# The services are Debian's Python programs: keep a user-installed python3 out of their way.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

env_lines() {
  cat <<ENV
export OS_AUTH_URL=http://127.0.0.1:${KS_PORT}/v3
export OS_USERNAME=admin OS_PASSWORD=${ADMIN_PASSWORD} OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne OS_IDENTITY_API_VERSION=3
export GOVCLOUD_NEUTRON_URL=http://127.0.0.1:${NEUTRON_PORT}
ENV
}

up() { curl -fsS -o /dev/null "$1" 2>/dev/null; }
wait_for() {
  local url=$1 what=$2 log=$3
  for _ in $(seq 1 240); do
    up "$url" && return 0
    sleep 0.5
  done
  echo "openstack/up.sh: $what did not answer at $url within 120 s; its log:" >&2
  tail -n 40 "$log" >&2
  exit 1
}

if up "http://127.0.0.1:${KS_PORT}/v3" && up "http://127.0.0.1:${NEUTRON_PORT}/"; then env_lines; exit 0; fi

missing=()
for tool in keystone-manage neutron-server neutron-db-manage uwsgi; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ -x "$PGBIN/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "openstack/up.sh: missing ${missing[*]} (fix: scripts/openstack/install.sh)" >&2
  exit 3
fi

mkdir -p "$STATE"/{log,run,fernet-keys,credential-keys,lock}
chmod 700 "$STATE"/fernet-keys "$STATE"/credential-keys

# PostgreSQL, private to the test: its own cluster, port and socket folder; trust on loopback only.
if [ ! -f "$STATE/pg/PG_VERSION" ]; then
  install -d -o postgres -g postgres "$STATE/pg"
  runuser -u postgres -- "$PGBIN/initdb" -D "$STATE/pg" -A trust -U postgres -E UTF8 >"$STATE/log/initdb.log"
fi
chown postgres:postgres "$STATE/run"; touch "$STATE/log/postgresql.log"; chown postgres:postgres "$STATE/log/postgresql.log"
if ! runuser -u postgres -- "$PGBIN/pg_ctl" -D "$STATE/pg" status >/dev/null 2>&1; then
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$STATE/pg" -w -l "$STATE/log/postgresql.log" \
    -o "-c listen_addresses=127.0.0.1 -c port=${PG_PORT} -c unix_socket_directories=$STATE/run -c max_connections=200 -c fsync=off" start >/dev/null
fi
psql_() { "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt "$@"; }
for db in keystone neutron; do
  [ "$(psql_ -c "select 1 from pg_database where datname='$db'")" = 1 ] || psql_ -c "create database $db"
done
DB=postgresql+psycopg2://postgres@127.0.0.1:${PG_PORT}

cat >"$STATE/keystone.conf" <<CONF
[DEFAULT]
log_file = $STATE/log/keystone.log
[database]
connection = $DB/keystone
[token]
provider = fernet
[fernet_tokens]
key_repository = $STATE/fernet-keys
[credential]
key_repository = $STATE/credential-keys
[oslo_policy]
enforce_new_defaults = false
CONF
ks() { keystone-manage --config-file "$STATE/keystone.conf" "$@" >>"$STATE/log/keystone-manage.log" 2>&1; }
if [ ! -f "$STATE/keystone.bootstrapped" ]; then
  ks db_sync
  ks fernet_setup --keystone-user root --keystone-group root
  ks credential_setup --keystone-user root --keystone-group root
  ks bootstrap --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-username admin --bootstrap-project-name admin \
    --bootstrap-role-name admin --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
    --bootstrap-public-url "http://127.0.0.1:${KS_PORT}/v3" --bootstrap-internal-url "http://127.0.0.1:${KS_PORT}/v3"
  touch "$STATE/keystone.bootstrapped"
fi
OS_KEYSTONE_CONFIG_FILES="$STATE/keystone.conf" setsid uwsgi --plugins python3 --http-socket "127.0.0.1:${KS_PORT}" \
  --wsgi-file /usr/bin/keystone-wsgi-public --add-header 'Connection: close' --master --processes 2 --threads 8 --die-on-term --lazy-apps \
  --pidfile "$STATE/run/keystone.pid" --logto "$STATE/log/keystone-uwsgi.log" --env "OS_KEYSTONE_CONFIG_FILES=$STATE/keystone.conf" \
  </dev/null >/dev/null 2>&1 &
wait_for "http://127.0.0.1:${KS_PORT}/v3" Keystone "$STATE/log/keystone-uwsgi.log"

cat >"$STATE/neutron.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = ${NEUTRON_PORT}
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
transport_url = fake://
api_workers = 2
rpc_workers = 0
rpc_state_report_workers = 0
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
allow_overlapping_ips = true
log_file = $STATE/log/neutron-server.log
state_path = $STATE
[database]
connection = $DB/neutron
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:${KS_PORT}/v3
auth_url = http://127.0.0.1:${KS_PORT}/v3
auth_type = password
username = neutron
password = ${SERVICE_PASSWORD}
project_name = service
user_domain_name = Default
project_domain_name = Default
[oslo_concurrency]
lock_path = $STATE/lock
[oslo_policy]
enforce_new_defaults = false
enforce_scope = false
[agent]
root_helper = true
[ml2]
type_drivers = flat,vlan,vxlan
tenant_network_types = vxlan
mechanism_drivers = openvswitch
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[ml2_type_vlan]
network_vlan_ranges = physnet1:100:3999
[ml2_type_vxlan]
vni_ranges = 1:100000
[securitygroup]
enable_security_group = true
firewall_driver = openvswitch
CONF

if [ ! -f "$STATE/neutron.bootstrapped" ]; then
  set +u
  eval "$(env_lines)"
  set -u
  osc() { openstack --os-auth-url "http://127.0.0.1:${KS_PORT}/v3" "$@" 2>"$STATE/log/openstack-client.log"; }
  osc project show service >/dev/null 2>&1 || osc project create service --domain Default >/dev/null
  osc user show neutron >/dev/null 2>&1 || osc user create neutron --domain Default --password "$SERVICE_PASSWORD" >/dev/null
  osc role add --project service --user neutron admin
  osc role show member >/dev/null 2>&1 || osc role create member >/dev/null
  osc service show network >/dev/null 2>&1 || osc service create network --name neutron >/dev/null
  osc endpoint create --region RegionOne network public "http://127.0.0.1:${NEUTRON_PORT}" >/dev/null
  neutron-db-manage --config-file "$STATE/neutron.conf" upgrade heads >"$STATE/log/neutron-db-manage.log" 2>&1
  touch "$STATE/neutron.bootstrapped"
fi
setsid neutron-server --config-file "$STATE/neutron.conf" </dev/null >"$STATE/log/neutron-server.out" 2>&1 &
echo $! >"$STATE/run/neutron.pid"
wait_for "http://127.0.0.1:${NEUTRON_PORT}/" Neutron "$STATE/log/neutron-server.log"
env_lines
