#!/usr/bin/env bash
# A private PostgreSQL cluster in a folder of its own, on 127.0.0.1 only, for the tests:
#   private-postgres.sh start DIR PORT   (makes the cluster the first time)
#   private-postgres.sh stop DIR [MODE]  (MODE: fast, or immediate as a crash would)
# PostgreSQL refuses to run as root: as root it runs as the unprivileged "postgres" user that
# Debian's package creates. fsync is off: a stopped or killed server keeps what it committed
# (it is in the kernel's cache), which is what the tests need; a machine crash is not tested.
# --no-locale: a clean machine may name a locale in LANG that it has not generated.
set -euo pipefail
# The newest installed server (a newer client alone has no initdb).
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)
[ -n "$initdb" ] || { echo "PostgreSQL is not installed (Debian package: postgresql)" >&2; exit 1; }
bin=$(dirname "$initdb")
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
dir=$2
case $1 in
  start)
    port=$3
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
      as_owner "$bin/initdb" -D "$dir/data" -A trust -U lp -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" >/dev/null
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m "${3:-fast}" -w stop >/dev/null
    ;;
  *)
    echo "usage: private-postgres.sh start DIR PORT | stop DIR [fast|immediate]" >&2
    exit 2
    ;;
esac
