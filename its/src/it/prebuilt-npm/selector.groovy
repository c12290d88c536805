// Packages a prebuilt library from the npm registry (the site's "Packaging prebuilt binaries" page): it needs npm
// and the network, which the README's prerequisites do not include, and a linux-x86_64 glibc machine, the only
// platform the chosen npm package is built for. Without them the test is skipped with the reason; CI
// (NATIVELIB_CI=1) provides them and never skips it.
def onPath = { String tool ->
    System.getenv('PATH').split(File.pathSeparator).any { dir -> new File(dir, tool).canExecute() }
}
def reachable = { String host, int port ->
    try {
        new Socket().withCloseable { it.connect(new InetSocketAddress(host, port), 10000) }
        return true
    } catch (IOException e) {
        return false
    }
}
def missing = []
if (!onPath('npm')) {
    missing << 'npm is not on the PATH (apt-get install npm)'
} else if (!reachable('registry.npmjs.org', 443)) {
    missing << 'registry.npmjs.org:443 cannot be reached'
}
def arch = System.getProperty('os.arch')
if (System.getProperty('os.name') != 'Linux' || !(arch in ['amd64', 'x86_64']) || !new File('/etc/ld.so.conf').exists()) {
    missing << "the npm package is built for linux-x86_64 with glibc, not ${System.getProperty('os.name')} ${arch}"
}
if (missing.isEmpty()) {
    return true
}
if (System.getenv('NATIVELIB_CI') == '1') {
    throw new IllegalStateException("prebuilt-npm cannot run (NATIVELIB_CI=1): ${missing.join('; ')}")
}
println "prebuilt-npm skipped: ${missing.join('; ')}"
return false
