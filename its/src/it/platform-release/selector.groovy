// A is cross-compiled for linux-aarch_64 "on another machine" with clang and lld, which the README's prerequisites
// do not include. Without them this test is skipped with the reason; CI (NATIVELIB_CI=1) installs them and never
// skips it.
def onPath = { String tool ->
    System.getenv('PATH').split(File.pathSeparator).any { dir -> new File(dir, tool).canExecute() }
}
def missing = ['clang', 'ld.lld'].findAll { !onPath(it) }
if (missing.isEmpty()) {
    return true
}
if (System.getenv('NATIVELIB_CI') == '1') {
    throw new IllegalStateException("platform-release needs ${missing.join(' and ')} on the PATH (NATIVELIB_CI=1)")
}
println "platform-release skipped: ${missing.join(' and ')} not on the PATH (apt-get install clang lld; CI installs them)"
return false
