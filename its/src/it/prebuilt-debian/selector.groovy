// Packages OpenSSL from Debian bookworm's .deb files (the site's "Packaging prebuilt binaries" page): it needs
// apt-get and dpkg-deb (a Debian or Ubuntu machine with Debian's archive in its package sources), an x86_64
// machine (the .deb files are amd64) and the network, which the README's prerequisites do not include. Without them
// the test is skipped with the reason; CI (NATIVELIB_CI=1, Debian, as root) provides them and never skips it.
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
['apt-get', 'dpkg-deb'].findAll { !onPath(it) }.each { missing << "${it} is not on the PATH" }
def arch = System.getProperty('os.arch')
if (System.getProperty('os.name') != 'Linux' || !(arch in ['amd64', 'x86_64'])) {
    missing << "the .deb files are for linux-x86_64, not ${System.getProperty('os.name')} ${arch}"
}
if (missing.isEmpty() && !reachable('deb.debian.org', 80)) {
    missing << 'deb.debian.org:80 cannot be reached'
}
if (missing.isEmpty()) {
    return true
}
if (System.getenv('NATIVELIB_CI') == '1') {
    throw new IllegalStateException("prebuilt-debian cannot run (NATIVELIB_CI=1): ${missing.join('; ')}")
}
println "prebuilt-debian skipped: ${missing.join('; ')}"
return false
