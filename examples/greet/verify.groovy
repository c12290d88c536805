import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
// Short failure messages: a power assert would print the whole build log.
def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def arch = System.getProperty('os.arch') == 'amd64' ? 'x86_64' : (System.getProperty('os.arch') == 'aarch64' ? 'aarch_64' : System.getProperty('os.arch'))
def platform = "linux-${arch}".toString()

// The native method ran, through libgreet, in a fresh JVM.
expect(log.contains('greeting: Hello, Maven, from libgreet 1.0.0, via libgreeting\n'), 'build.log lacks the greeting')
def jar = new File(basedir, "greeting-native/target/greeting-native-1.0.0-${platform}.jar")
def cache = new File(basedir, 'app/target/nativelib-cache')
def m = log =~ /loaded: (.*)/
expect(m.find(), 'build.log lacks the loaded: line')
def loaded = m.group(1)
assert loaded.startsWith("greetingjni from dev.nativelib.examples:greeting-native:1.0.0 [${platform}]: ${cache.canonicalPath}/dev.nativelib.examples/greeting-native-1.0.0-${platform}-")
assert loaded.endsWith("/lib/libgreetingjni.so (extracted from ${jar.canonicalPath})")
// libgreet was preloaded before the JNI library that needs it.
def at = { String s -> def i = log.indexOf('mapped: ' + s + ' <- '); expect(i >= 0, 'not loaded: ' + s); i }
expect(at('libgreet.so.1.0.0') < at('libgreeting.so.1.0.0') && at('libgreeting.so.1.0.0') < at('libgreetingjni.so'),
        'load order must be libgreet, libgreeting, libgreetingjni')
expect(log.contains("mapped: libgreet.so.1.0.0 <- ${cache.canonicalPath}/dev.nativelib.examples/greet-native-1.0.0-${platform}-".toString()),
        'libgreet must come from its own package')
expect(log.contains('repeated loads identical: true'), 'build.log lacks ' + 'repeated loads identical: true')
expect(log.contains('greet is: libgreet.so.1.0.0'), 'build.log lacks ' + 'greet is: libgreet.so.1.0.0')

// The classifier JAR holds libraries, headers, descriptor, index and CMake files, under the package's own prefix.
jar = new File(basedir, "greet-native/target/greet-native-1.0.0-${platform}.jar")
def root = "META-INF/nativelib/dev.nativelib.examples/greet-native/${platform}/".toString()
def zip = new ZipFile(jar)
def names = zip.entries().collect { it.name }
assert names.contains('META-INF/nativelib/index.list')
assert names.contains(root + 'nativelib.properties')
assert names.contains(root + 'lib/libgreet.so.1.0.0')
assert names.contains(root + 'include/greet.h')
assert names.contains(root + 'lib/cmake/Greet/GreetConfig.cmake')
assert names.contains(root + 'cmake/FindGreet.cmake')
assert !names.any { it.endsWith('lib/libgreet.so') || it.endsWith('lib/libgreet.so.1') } : 'links must not be stored as copies'
def descriptor = zip.getInputStream(zip.getEntry(root + 'nativelib.properties')).text
zip.close()
assert descriptor.contains("package.platform=${platform}\n")
assert descriptor.contains('library.0.path=lib/libgreet.so.1.0.0\n')
assert descriptor =~ /library\.0\.sha256=[0-9a-f]{64}\n/
assert descriptor.contains('alias.0.path=lib/libgreet.so\nalias.0.target=libgreet.so.1\n')
assert descriptor.contains('alias.1.path=lib/libgreet.so.1\nalias.1.target=libgreet.so.1.0.0\n')

// Extracted copy: links recreated, directories private to the user.
def extracted = new File(cache, 'dev.nativelib.examples').listFiles().find { it.name.startsWith('greet-native-1.0.0-') }
def greeting = new ZipFile(new File(basedir, "greeting-native/target/greeting-native-1.0.0-${platform}.jar"))
def gd = greeting.getInputStream(greeting.getEntry("META-INF/nativelib/dev.nativelib.examples/greeting-native/${platform}/nativelib.properties".toString())).text
greeting.close()
expect(gd.contains('require.count=1\nrequire.0.groupId=dev.nativelib.examples\nrequire.0.artifactId=greet-native\nrequire.0.version=1.0.0\n'),
        'greeting-native must record that it requires greet-native')
assert Files.isSymbolicLink(new File(extracted, 'lib/libgreet.so.1').toPath())
assert Files.readSymbolicLink(new File(extracted, 'lib/libgreet.so.1').toPath()).toString() == 'libgreet.so.1.0.0'
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(extracted.toPath())) == 'rwx------'
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.toPath())) == 'rwx------'
assert !extracted.parentFile.listFiles().any { it.name.startsWith('.') } : 'no temporary directory left behind'
return true
