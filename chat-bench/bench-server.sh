#!/usr/bin/env bash
# Starts the chat server for a benchmark: pinned to CPU 0, limits lifted by flags (the defaults stay production-safe),
# on loopback only. Prints the server's pid; stop it with: kill <pid>
# Usage: chat-bench/bench-server.sh [extra server flags...]   (env JAVA_OPTS adds JVM flags, JAVA picks the java)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=chat-server/target/chat-server.jar
[ -f "$jar" ] || { echo "build it first: ./mvnw -B -q -pl chat-server -am package -DskipTests" >&2; exit 1; }
log=${BENCH_SERVER_LOG:-/tmp/chat-bench-server.log}
# shellcheck disable=SC2086
taskset -c "${BENCH_SERVER_CPU:-0}" "${JAVA:-java}" ${JAVA_OPTS:--Xms1g -Xmx1g} -jar "$jar" \
    --host 127.0.0.1 --port "${BENCH_PORT:-7070}" --admin-port -1 \
    --rate 100000000 --burst 100000000 \
    --max-connections 100000 --max-connections-per-ip 100000 \
    --max-rooms 100000 --idle-timeout 10m --hello-timeout 60s \
    "$@" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
    if grep -q "chat port" "$log" 2>/dev/null; then
        echo "$pid"
        exit 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
echo "server did not start within 10 s; see $log" >&2
kill "$pid"
exit 1
