#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 on a loopback port, as the unprivileged "postgres" user.
# Usage: .ci/postgres.sh start|stop   (PGPORT defaults to 54329; data in /tmp/trms-pg)
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-54329}
PGDATA=${PGDATA:-/tmp/trms-pg}
run_as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    rm -rf "$PGDATA"; mkdir -p "$PGDATA"
    [[ $(id -u) == 0 ]] && chown postgres:postgres "$PGDATA"
    run_as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    run_as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    echo "postgresql://postgres@127.0.0.1:$PGPORT/trms"
    ;;
  stop)
    run_as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
