#!/usr/bin/env bash
# Fetches OpenSSL's runtime and development packages from Debian bookworm and unpacks them into one tree, as dpkg
# would install them under /usr. apt-get checks each .deb against the archive's signed index.
set -euo pipefail
out="$1"
rm -rf "$out"
mkdir -p "$out/debs" "$out/root"
cd "$out/debs"
# START SNIPPET: debian-fetch
# in an empty directory ($out/debs); the tree is unpacked into $out/root
version=3.0.20-1~deb12u2
apt-get download "libssl3=$version" "libssl-dev=$version" || {
  echo "Debian does not serve libssl3 and libssl-dev $version (a point release replaced them, or this machine's" >&2
  echo "package lists are older: run apt-get update). Pin the version apt-cache policy libssl3 shows in" >&2
  echo "its/src/it/prebuilt-debian/openssl-native/fetch.sh, pom.xml and ../verify.groovy." >&2
  exit 1
}
for deb in ./*.deb; do
  dpkg-deb -x "$deb" "$out/root"
done
# END SNIPPET: debian-fetch
