#!/usr/bin/env bash
# Builds the server image from a clean checkout of this repository's HEAD, runs it, and checks it as an operator
# would: /health answers, two command-line clients on the host chat through it, the server runs as a non-root user,
# and SIGTERM makes it say bye to its clients and exit 0.
#
#   docker/test-image.sh
#
# Uses docker where a Docker engine answers, podman otherwise. Podman gets docker/podman/containers.conf (settings for
# machines without systemd) and, since Docker Hub may be out of reach, local Debian stand-ins for the base images
# (docker/build-base-images.sh). Set BUILD_IMAGE and RUNTIME_IMAGE to choose base images yourself.
# Everything listens on 127.0.0.1 only. Needs git, a JDK 17 and, for podman, debootstrap and runc.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TAG=netty-chat-server:test
NAME=netty-chat-test-$$
WAIT_SECONDS=${WAIT_SECONDS:-90}

log() { echo "test-image: $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

if docker info >/dev/null 2>&1; then
    ENGINE=docker
else
    ENGINE=podman
    export CONTAINERS_CONF=${CONTAINERS_CONF:-$ROOT/docker/podman/containers.conf}
    command -v podman >/dev/null || fail "neither a Docker engine nor podman is available"
fi
log "engine: $ENGINE"

WORK=$(mktemp -d)
RECEIVER=
cleanup() {
    [ -n "$RECEIVER" ] && kill "$RECEIVER" 2>/dev/null || true
    "$ENGINE" rm -f "$NAME" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# GET on the admin port with bash alone; prints the status line and body.
admin_get() {
    exec 3<>"/dev/tcp/127.0.0.1/$ADMIN_PORT" || return 1
    printf 'GET %s HTTP/1.0\r\n\r\n' "$1" >&3
    cat <&3
    exec 3<&-
}

# Waits up to WAIT_SECONDS for a command to succeed.
wait_for() {
    local what=$1
    shift
    for _ in $(seq "$WAIT_SECONDS"); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 1
    done
    fail "timed out waiting for $what"
}

log "clean checkout of HEAD"
git clone -q "$ROOT" "$WORK/src"

build_args=()
if [ -n "${BUILD_IMAGE:-}${RUNTIME_IMAGE:-}" ]; then
    build_args+=(--build-arg "BUILD_IMAGE=${BUILD_IMAGE:?set both BUILD_IMAGE and RUNTIME_IMAGE}")
    build_args+=(--build-arg "RUNTIME_IMAGE=${RUNTIME_IMAGE:?set both BUILD_IMAGE and RUNTIME_IMAGE}")
elif [ "$ENGINE" = podman ]; then
    read -r jdk jre < <(ENGINE=podman "$ROOT/docker/build-base-images.sh")
    build_args+=(--build-arg "BUILD_IMAGE=$jdk" --build-arg "RUNTIME_IMAGE=$jre")
fi
format=()
[ "$ENGINE" = podman ] && format=(--format docker)  # keeps the HEALTHCHECK

log "building $TAG"
"$ENGINE" build --network host "${format[@]}" "${build_args[@]}" -f "$WORK/src/docker/Dockerfile" -t "$TAG" \
    "$WORK/src" >"$WORK/build.log" 2>&1 || { tail -n 60 "$WORK/build.log" >&2; fail "the image did not build"; }

log "building the command-line client"
(cd "$WORK/src" && ./mvnw -B -q -pl chat-client -am package -DskipTests)
CLIENT=("java" "-jar" "$WORK/src/chat-client/target/chat-client.jar")

CHAT_PORT=$(free_port)
ADMIN_PORT=$(free_port)
log "starting the container: chat on $CHAT_PORT, admin on $ADMIN_PORT"
"$ENGINE" run -d --name "$NAME" --network host \
    -e CHAT_HOST=127.0.0.1 -e CHAT_PORT="$CHAT_PORT" -e CHAT_ADMIN_PORT="$ADMIN_PORT" -e CHAT_MOTD="container test" \
    "$TAG" >/dev/null

wait_for "/health" bash -c "$(declare -f admin_get); ADMIN_PORT=$ADMIN_PORT; admin_get /health | head -n 1 | grep -q ' 200 '"
log "/health answers 200"
if [ "$ENGINE" = podman ]; then
    podman healthcheck run "$NAME" || fail "the image's HEALTHCHECK does not pass"
    log "the image's HEALTHCHECK passes"
fi

uid=$("$ENGINE" exec "$NAME" id -u)
[ "$uid" != 0 ] || fail "the server runs as root"
log "the server runs as uid $uid"

log "bob listens, alice says hello"
sleep 600 | "${CLIENT[@]}" --host 127.0.0.1 --port "$CHAT_PORT" --name bob >"$WORK/bob.out" 2>"$WORK/bob.err" &
RECEIVER=$!
wait_for "bob to log in" bash -c "$(declare -f admin_get); ADMIN_PORT=$ADMIN_PORT; admin_get /metrics | grep -q '^chat_users 1$'"
"${CLIENT[@]}" --host 127.0.0.1 --port "$CHAT_PORT" --name alice --send "hello through the container" \
    >"$WORK/alice.out" || fail "alice could not send (exit $?)"
wait_for "bob to receive alice's message" grep -qF "[lobby] alice: hello through the container" "$WORK/bob.out"
log "bob received: $(grep -F 'alice:' "$WORK/bob.out")"

log "SIGTERM"
"$ENGINE" kill --signal TERM "$NAME" >/dev/null
exit_code=$(timeout "$WAIT_SECONDS" "$ENGINE" wait "$NAME") || fail "the container did not stop after SIGTERM"
[ "$exit_code" = 0 ] || fail "the container exited with $exit_code, expected 0"
log "the container exited 0"
wait_for "bob to hear bye" grep -q "server said bye: shutdown" "$WORK/bob.err"
log "bob was told: $(grep -m1 'bye' "$WORK/bob.err")"
"$ENGINE" logs "$NAME" 2>&1 | grep -q "stopped" || fail "the server did not log a graceful stop"
log "passed"
