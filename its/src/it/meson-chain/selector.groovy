// The consumer is built with Meson, which the README's prerequisites do not include. Without meson, ninja and
// pkg-config this test is skipped with the reason; CI (NATIVELIB_CI=1) installs them and never skips it.
def onPath = { String tool ->
    System.getenv('PATH').split(File.pathSeparator).any { dir -> new File(dir, tool).canExecute() }
}
def missing = ['meson', 'ninja', 'pkg-config'].findAll { !onPath(it) }
if (missing.isEmpty()) {
    return true
}
if (System.getenv('NATIVELIB_CI') == '1') {
    throw new IllegalStateException("meson-chain needs ${missing.join(', ')} on the PATH (NATIVELIB_CI=1)")
}
println "meson-chain skipped: ${missing.join(', ')} not on the PATH (apt-get install meson ninja-build pkgconf;" +
        " CI installs them)"
return false
