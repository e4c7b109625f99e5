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
# The tag carries a hash of this script, so a changed recipe builds new images instead of reusing stale ones.
RECIPE=$(sha256sum "$0" | cut -c1-12)
JDK_IMAGE=localhost/nettychat/base-jdk:17-$RECIPE
JRE_IMAGE=localhost/nettychat/base-jre:17-$RECIPE
# Certificate authorities this machine trusts beyond Debian's (a proxy's, a company's), so that builds inside the
# images can reach Maven Central through the same network.
EXTRA_CAS=${EXTRA_CAS:-/usr/local/share/ca-certificates}

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
    if compgen -G "$EXTRA_CAS/*.crt" >/dev/null; then
        mkdir -p "$root/usr/local/share/ca-certificates"
        cp "$EXTRA_CAS"/*.crt "$root/usr/local/share/ca-certificates/"
    fi
    # The JDK's post-install script runs java, which needs /proc.
    mount -t proc proc "$root/proc"
    chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive bash -c \
        "apt-get update -qq && apt-get install -y -qq --no-install-recommends $package ca-certificates >/dev/null \
         && apt-get clean && rm -rf /var/lib/apt/lists/*" >&2
    umount "$root/proc"
    log "importing as $image"
    local arch
    arch=$(chroot "$root" dpkg --print-architecture)
    tar -C "$root" -c . | "$ENGINE" import \
        --change "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$arch" \
        --change 'ENV LANG=C.UTF-8' \
        --change 'CMD ["/bin/bash"]' - "$image" >&2
}

command -v debootstrap >/dev/null || { log "debootstrap is not installed"; exit 1; }
build_image "$JDK_IMAGE" openjdk-17-jdk-headless
build_image "$JRE_IMAGE" openjdk-17-jre-headless
echo "$JDK_IMAGE $JRE_IMAGE"
