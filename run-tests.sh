#!/usr/bin/env bash
# Runs the whole test suite: the Java tests (unit, end-to-end, cluster on a real redis-server) and the container
# image test. Installs what the tests need and the machine lacks (redis-server; podman, runc and debootstrap where no
# Docker engine answers) with apt-get, as root or through sudo.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if ! docker info >/dev/null 2>&1; then
    for tool in podman runc debootstrap python3; do
        command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
    done
fi
if [ ${#need[@]} -gt 0 ]; then
    echo "run-tests: installing ${need[*]}"
    sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Unit tests, then end-to-end and cluster tests over loopback.
./mvnw -B verify

# The server image, built from a clean checkout and really run.
docker/test-image.sh
