// Downloads Flink (about 100 MB the first time) and starts a MiniCluster: too slow for a developer's default run.
// CI (NATIVELIB_CI=1, .ci/run) always runs it; -Dnativelib.engines=true runs it anywhere.
if (System.getenv('NATIVELIB_CI') == '1' || System.getProperty('nativelib.engines') == 'true') {
    return true
}
println 'engine-flink skipped: it downloads Flink and starts a MiniCluster (set -Dnativelib.engines=true; CI runs it)'
return false
