// The variants are x86-64 microarchitecture levels: the test needs an x86-64 Linux machine, CMake and a C compiler
// that knows -march=x86-64-v3 and -v4 (GCC 11, Clang 12 or newer). A machine whose processor lacks v4 (or v3) still
// runs the test: the binaries are only built there, and verify.groovy expects the best level `ld.so --help` reports.
def arch = System.getProperty('os.arch')
if (!System.getProperty('os.name').toLowerCase().startsWith('linux') || !(arch in ['amd64', 'x86_64'])) {
    println "variants skipped: it builds x86-64-v3/v4 variants and needs x86-64 Linux, not ${System.getProperty('os.name')} ${arch}"
    return false
}
def onPath = { String tool ->
    System.getenv('PATH').split(File.pathSeparator).any { dir -> new File(dir, tool).canExecute() }
}
def missing = ['cmake', 'cc'].findAll { !onPath(it) }
if (missing.isEmpty()) {
    def probe = File.createTempFile('variants', '.c')
    probe.text = 'int main(void) { return 0; }\n'
    def out = new File(probe.path + '.o')
    def cc = ['cc', '-march=x86-64-v4', '-c', probe.path, '-o', out.path].execute()
    cc.waitFor()
    probe.delete()
    out.delete()
    if (cc.exitValue() != 0) {
        missing << 'a C compiler that knows -march=x86-64-v4 (GCC 11 or newer)'
    }
}
if (missing.isEmpty()) {
    return true
}
if (System.getenv('NATIVELIB_CI') == '1') {
    throw new IllegalStateException("variants needs ${missing.join(' and ')} (NATIVELIB_CI=1)")
}
println "variants skipped: ${missing.join(' and ')} not found (apt-get install cmake gcc)"
return false
