#!/usr/bin/env bash
# Cost of hardware detection on a cold start: the time of the first HardwareDetector.current() in each of N fresh
# JVMs (default 21), as DetectHardware prints it; prints the median and the range. Run after
#   ./mvnw -o -pl nativelib-loader test-compile
# from the repository root.
# With --after-loader, each JVM first does what a load does anyway (settings, platform and libc detection), so that
# only what detection adds is timed.
set -euo pipefail
runs=${1:-21}
mode=${2:-}
cp=nativelib-loader/target/classes:nativelib-loader/target/test-classes
times=()
for _ in $(seq "$runs"); do
    times+=("$(java -Xshare:auto -cp "$cp" dev.nativelib.loader.hardware.DetectHardware $mode | sed -n 's/^nanos=//p')")
done
signature=$(java -cp "$cp" dev.nativelib.loader.hardware.DetectHardware | sed -n 's/^signature=//p')
printf '%s\n' "${times[@]}" | sort -n | awk -v runs="$runs" -v sig="$signature" -v mode="${mode:-fresh}" '
    { t[NR] = $1 }
    END { printf "first detect() of %d fresh JVMs (%s): median %.3f ms (min %.3f, max %.3f); machine: %s\n",
          runs, mode, t[int((NR + 1) / 2)] / 1e6, t[1] / 1e6, t[NR] / 1e6, sig }'
