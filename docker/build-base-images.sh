#!/usr/bin/env bash
# Builds local stand-ins for the Dockerfile's two public base images from Debian packages, for machines that cannot
# pull from Docker Hub: a JDK image for the build stage and a JRE image for the runtime stage.
#
#   docker/build-base-images.sh            # prints the two image names; builds them only if missing
#
# Each is a minimal Debian bookworm (debootstrap) with openjdk-17-*-headless, imported with `podman import`.
# Images are kept in the engine's store, so later runs on the same machine reuse them.
set -euo pipefail

ENGINE=${ENGINE:-podman}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=${DEBIAN_SUITE:-bookworm}
JDK_IMAGE=localhost/nettychat/base-jdk:17
JRE_IMAGE=localhost/nettychat/base-jre:17

log() { echo "build-base-images: $*" >&2; }

build_image() {
    local image=$1 package=$2
    if "$ENGINE" image exists "$image" 2>/dev/null; then
        log "$image already built"
        return
    fi
    local root
    root=$(mktemp -d /var/tmp/nettychat-rootfs.XXXXXX)
    trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' RETURN
    log "debootstrap $SUITE into $root (for $image)"
    debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >&2
    log "installing $package"
    # The JDK's post-install script runs java, which needs /proc.
    mount -t proc proc "$root/proc"
    chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive bash -c \
        "apt-get update -qq && apt-get install -y -qq --no-install-recommends $package ca-certificates >/dev/null \
         && apt-get clean && rm -rf /var/lib/apt/lists/*" >&2
    umount "$root/proc"
    log "importing as $image"
    tar -C "$root" -c . | "$ENGINE" import \
        --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'CMD ["/bin/bash"]' - "$image" >&2
}

command -v debootstrap >/dev/null || { log "debootstrap is not installed"; exit 1; }
build_image "$JDK_IMAGE" openjdk-17-jdk-headless
build_image "$JRE_IMAGE" openjdk-17-jre-headless
echo "$JDK_IMAGE $JRE_IMAGE"
