#!/usr/bin/env bash
# Starts or stops a throwaway ClickHouse server for the store tests.
#
#   tests/clickhouse/server.sh start DIR   # writes DIR/url (or DIR/skip with the reason)
#   tests/clickhouse/server.sh stop DIR    # stops the server started in DIR, by its pid
#
# The server listens on 127.0.0.1 only, on a free HTTP port (and a free native
# TCP port, which Distributed tables need), with its data, logs and minimal
# config.xml/users.xml under DIR. Like Debian's default config.xml, it defines
# the cluster test_shard_localhost: one shard, this server (on its own port
# rather than Debian's 9000, so it collides with nothing). When no clickhouse-server
# binary is installed, DIR/skip says so and the ClickHouse tests skip;
# scripts/install-deps installs Debian's clickhouse-server (18.16).
# TIGRIS_CLICKHOUSE_SERVER=PATH picks another server binary.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a folder for the server}

stop() {
  if [ -f "$dir/pid" ]; then
    pid=$(cat "$dir/pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      if kill -0 "$pid" 2>/dev/null; then
        echo "clickhouse-server $pid did not stop in 10 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    rm -f "$dir/pid"
  fi
  rm -rf "$dir/data" "$dir/url"
}

if [ "$action" = stop ]; then
  stop
  exit 0
fi
[ "$action" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 1; }

mkdir -p "$dir"
stop
rm -f "$dir/skip"
server=${TIGRIS_CLICKHOUSE_SERVER:-}
if [ -z "$server" ]; then
  for candidate in /usr/sbin/clickhouse-server /usr/bin/clickhouse-server; do
    [ -x "$candidate" ] && server=$candidate && break
  done
fi
if [ -z "$server" ] || [ ! -x "$server" ]; then
  echo "clickhouse-server is not installed (scripts/install-deps installs it): ClickHouse tests skip" | tee "$dir/skip" >&2
  exit 0
fi

read -r port tcp_port < <(python3 -c '
import socket
sockets = [socket.socket() for _ in range(2)]
for s in sockets: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in sockets])')
mkdir -p "$dir/data" "$dir/log"
cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$dir/log/server.log</log>
    <errorlog>$dir/log/server.err.log</errorlog>
    <size>10M</size>
    <count>1</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$port</http_port>
  <tcp_port>$tcp_port</tcp_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/data/tmp/</tmp_path>
  <user_files_path>$dir/data/user_files/</user_files_path>
  <format_schema_path>$dir/data/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <test_shard_localhost>
      <shard><replica><host>127.0.0.1</host><port>$tcp_port</port></replica></shard>
    </test_shard_localhost>
  </remote_servers>
</yandex>
XML
cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
XML
# Only the HTTP and native ports are configured: no interserver or MySQL ports to collide.
"$server" --config-file="$dir/config.xml" >"$dir/log/stdout" 2>&1 </dev/null &
echo $! >"$dir/pid"
for _ in $(seq 1 300); do
  if curl -sf "http://127.0.0.1:$port/ping" >/dev/null 2>&1; then
    echo "clickhouse://127.0.0.1:$port" >"$dir/url"
    echo "clickhouse-server $(cat "$dir/pid") listening on 127.0.0.1:$port (data in $dir)" >&2
    exit 0
  fi
  if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "clickhouse-server exited at start; its log:" >&2
    tail -n 20 "$dir/log/stdout" "$dir/log/server.err.log" >&2 2>/dev/null || true
    rm -f "$dir/pid"
    exit 1
  fi
  sleep 0.1
done
echo "clickhouse-server did not answer on port $port within 30 s" >&2
stop
exit 1
