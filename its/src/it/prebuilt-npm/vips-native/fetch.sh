#!/usr/bin/env bash
# Fetches sharp's prebuilt libvips from the npm registry into an install prefix: the shared library (and glib's
# lib/glib-2.0/include/glibconfig.h) from the platform package, the headers from the -dev package. npm checks each
# tarball against the registry's integrity hash; exact versions on npm never change.
set -euo pipefail
out="$1"
rm -rf "$out"
mkdir -p "$out/npm" "$out/prefix"
# START SNIPPET: npm-fetch
# the tarballs go to $out/npm; their package/ directories are unpacked into one tree, $out/prefix
npm pack --silent --pack-destination "$out/npm" @img/sharp-libvips-linux-x64@1.2.4 @img/sharp-libvips-dev@1.2.4
tar -xzf "$out/npm/img-sharp-libvips-dev-1.2.4.tgz" -C "$out/prefix" --strip-components=1
tar -xzf "$out/npm/img-sharp-libvips-linux-x64-1.2.4.tgz" -C "$out/prefix" --strip-components=1
# END SNIPPET: npm-fetch
