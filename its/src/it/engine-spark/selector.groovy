// Downloads Spark (about 150 MB the first time) and starts it in local mode: too slow for a developer's default run.
// CI (NATIVELIB_CI=1, .ci/run) always runs it; -Dnativelib.engines=true runs it anywhere.
if (System.getenv('NATIVELIB_CI') == '1' || System.getProperty('nativelib.engines') == 'true') {
    return true
}
println 'engine-spark skipped: it downloads Spark and starts it in local mode (set -Dnativelib.engines=true; CI runs it)'
return false
