#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `source scripts/pg-cluster.sh` starts one in a
# temporary directory on a free loopback port, exports SPEND_TEST_PG_URL, and stops and
# removes it when the sourcing shell exits (on failure too).
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
# Set PG_BIN to the directory holding initdb and pg_ctl if they are not on PATH.

pg_cluster_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    echo "$PG_BIN"
  elif command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  else
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
  fi
}

pg_cluster_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_cluster_start() {
  local bin port
  bin=$(pg_cluster_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "pg-cluster: PostgreSQL server binaries not found (set PG_BIN)" >&2
    return 1
  fi
  PG_CLUSTER_DIR=$(mktemp -d)
  chmod 755 "$PG_CLUSTER_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_CLUSTER_DIR"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_cluster_as_owner "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U spend --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$PG_CLUSTER_DIR/initdb.log" 2>&1 || {
    cat "$PG_CLUSTER_DIR/initdb.log" >&2
    return 1
  }
  # fsync stays on: the durability tests must measure what a real server does.
  # pg_stat_statements lets a test read every statement the server ran for one database
  # (tests/scale/user_keys.rs); room for many, since each test database adds its own.
  pg_cluster_as_owner "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $PG_CLUSTER_DIR -c max_connections=200 \
        -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.max=20000" \
    -w start >/dev/null || {
    cat "$PG_CLUSTER_DIR/server.log" >&2
    return 1
  }
  PG_CLUSTER_BIN=$bin
  export SPEND_TEST_PG_URL="postgres://spend@127.0.0.1:$port/postgres"
  trap pg_cluster_stop EXIT
  echo "pg-cluster: PostgreSQL running at $SPEND_TEST_PG_URL"
}

pg_cluster_stop() {
  if [ -n "${PG_CLUSTER_DIR:-}" ] && [ -d "$PG_CLUSTER_DIR/data" ]; then
    pg_cluster_as_owner "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate stop \
      >/dev/null 2>&1 || true
    rm -rf "$PG_CLUSTER_DIR"
  fi
}

pg_cluster_start
