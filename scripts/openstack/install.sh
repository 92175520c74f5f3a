#!/usr/bin/env bash
# Installs what scripts/openstack/up.sh runs, from the distribution's packages, when missing:
# Keystone 22 and Neutron 21 (Debian 12), uwsgi for Keystone, PostgreSQL 15 and the client.
# The packages' own services are never started (up.sh runs private copies on loopback).
# Exit 3 when the packages cannot be installed (no root, no package source): the contract
# test then reports itself skipped, with this script's message.
set -euo pipefail
need=()
command -v keystone-manage >/dev/null || need+=(keystone)
command -v neutron-server >/dev/null || need+=(neutron-server)
[ -x /usr/bin/openstack ] || need+=(python3-openstackclient)
dpkg -s uwsgi-plugin-python3 >/dev/null 2>&1 || need+=(uwsgi-plugin-python3)
dpkg -s python3-psycopg2 >/dev/null 2>&1 || need+=(python3-psycopg2)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "openstack/install.sh: cannot install ${need[*]} (needs root and apt-get)" >&2
  exit 3
fi
# A policy-rc.d that denies every start: the packages' own daemons stay down.
if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || { echo "openstack/install.sh: apt-get update failed" >&2; exit 3; }
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || { echo "openstack/install.sh: apt-get install ${need[*]} failed" >&2; exit 3; }
