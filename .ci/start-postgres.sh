#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks, installing the
# Debian package first if it is missing. Prints the connection string on its last line.
#   usage: .ci/start-postgres.sh [port]   (default 55432)
set -euo pipefail
port="${1:-55432}"

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(bin_dir)" ] || [ ! -x "$(bin_dir)/initdb" ]; then
  echo "installing PostgreSQL from Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
bin="$(bin_dir)"

root="${FOI_PG_ROOT:-/tmp/foitracker-pg-$port}"
# FOI_PG_FAST=1 trades durability for speed (tests only; benchmarks keep the defaults).
extra=""
if [ "${FOI_PG_FAST:-0}" = "1" ]; then extra="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
# FOI_PG_SHARED_BUFFERS=2GB gives the server the buffer cache a dedicated one would have (default 128MB).
if [ -n "${FOI_PG_SHARED_BUFFERS:-}" ]; then extra="$extra -c shared_buffers=${FOI_PG_SHARED_BUFFERS}"; fi
if [ -f "$root/data/postmaster.pid" ] && "$bin/pg_ctl" -D "$root/data" status >/dev/null 2>&1; then
  echo "PostgreSQL already running in $root" >&2
else
  rm -rf "$root"
  mkdir -p "$root"
  chown postgres:postgres "$root"
  # initdb refuses to run as root, so the cluster belongs to the postgres system user.
  su postgres -s /bin/sh -c "'$bin/initdb' -D '$root/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$root/data' -l '$root/log' -w -t 60 \
    -o \"-c listen_addresses=127.0.0.1 -p $port -k '$root' -c max_connections=200 $extra\" start >/dev/null"
fi
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
