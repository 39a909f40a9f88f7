#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 (Debian's) on loopback for the suites that run on both engines, and
# exports TEST_DATABASE_URL. Sourced by .ci/run; a developer can source it too:
#   source .ci/postgres.sh && npm run test:unit
# The cluster lives in a temporary directory and is stopped when the sourcing shell exits.

PG_BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PG_BIN/initdb" ]; then
	echo "== installing Debian's PostgreSQL 15 for the PostgreSQL suites"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq postgresql-15 >/dev/null
fi

PG_DIR=$(mktemp -d /tmp/carto-pg.XXXXXX)
# The first free port from 55432: a developer's own PostgreSQL may hold the usual ones.
PG_PORT=${PG_PORT:-55432}
while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
# initdb refuses to run as root: the cluster then belongs to the postgres account the package creates.
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; fi
as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U carto --no-locale -E UTF8 >"$PG_DIR/initdb.log" 2>&1 ||
	{ cat "$PG_DIR/initdb.log"; exit 1; }
as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
	-o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=200" start >/dev/null ||
	{ cat "$PG_DIR/server.log"; exit 1; }
stop_postgres() { as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
trap stop_postgres EXIT
export TEST_DATABASE_URL="postgres://carto@127.0.0.1:$PG_PORT/postgres"
echo "== PostgreSQL 15 on 127.0.0.1:$PG_PORT (TEST_DATABASE_URL)"
