#!/usr/bin/env bash
# Downloads the real binaries the extracts in this directory were read from, checks their SHA-256, and
# unpacks them into OUTPUT_DIR/<platform>/. RealBinariesTest then checks each extract against its binary:
#   src/test/resources/real-binaries/fetch.sh /tmp/real-binaries
#   ./mvnw -pl nativelib-maven-plugin test -Dtest=RealBinariesTest -Dnativelib.realBinaries=/tmp/real-binaries
# Needs npm (the packages come from the npm registry) and about 35 MB.
set -euo pipefail
out=${1:?usage: fetch.sh OUTPUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for extract in "$here"/*.txt; do
  platform=$(basename "$extract" .txt)
  spec=$(sed -n 's/^# npm: //p' "$extract")
  tarball_sha=$(sed -n 's/^# tarball-sha256: //p' "$extract")
  file=$(sed -n 's/^# file: //p' "$extract")
  file_sha=$(sed -n 's/^# file-sha256: //p' "$extract")
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tgz=$(ls "$work"/*.tgz)
  echo "$tarball_sha  $tgz" | sha256sum -c --quiet
  mkdir -p "$out/$platform"
  tar xzf "$tgz" -C "$work" "$file"
  cp "$work/$file" "$out/$platform/"
  echo "$file_sha  $out/$platform/$(basename "$file")" | sha256sum -c --quiet
  rm -rf "$work"
  echo "$platform: $spec $file"
done
