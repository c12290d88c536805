def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def expected = """ERROR >>>
Native packages need each other in a cycle: dev.nativelib.its:x-native -> dev.nativelib.its:y-native -> dev.nativelib.its:x-native. A package cannot be loaded before the packages it needs; break the cycle (merge the packages, or remove one of the requirements).
<<< ERROR"""
if (!log.contains(expected)) {
    throw new AssertionError('build.log lacks:\n' + expected)
}
return true
