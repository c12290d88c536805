import java.nio.file.Files
import java.util.zip.ZipFile

def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def arch = [amd64: 'x86_64', x86_64: 'x86_64', aarch64: 'aarch_64'].get(System.getProperty('os.arch'))
def platform = "linux-${arch}".toString()
def has = { String s -> expect(log.contains(s), "build.log lacks: " + s) }

// Config mode through a three-level chain, built and run against packages from the local repository.
has('consumer-config(unpacked): top_value() = 42')
// The same after the unpacked directory was moved and the original deleted: nothing points at the old place.
has('consumer-config(moved): top_value() = 42')
expect(!new File(basedir, 'consumer-config/target/nativelib').exists(), 'the original unpack dir should be gone')
def moved = new File(basedir, 'consumer-config/target/moved/deps')
['top', 'middle', 'base'].each { expect(new File(moved, it + '/lib/cmake').isDirectory(), "no ${it} unpacked") }
// (cmake -E copy_directory copies links as files, so look at an unpack that was not moved.)
def unpacked = new File(basedir, 'consumer-module/target/nativelib')
expect(Files.isSymbolicLink(new File(unpacked, 'base/lib/libbase.so.1').toPath()), 'alias libbase.so.1 not recreated')
expect(Files.readSymbolicLink(new File(unpacked, 'base/lib/libbase.so').toPath()).toString() == 'libbase.so.1',
        'alias libbase.so should point at libbase.so.1')
def deps = new File(moved, 'nativelib-deps.cmake').text
expect(!deps.contains(basedir.canonicalPath), 'nativelib-deps.cmake must not hold absolute paths')

// Module mode.
has('module mode: Base_FOUND=TRUE Base_VERSION=1.2.0 Base_LIBRARIES=Base::base')
has('consumer-module: base_value() = 40')

// What Top's package says about its dependencies.
def jar = new ZipFile(new File(basedir, "top/target/top-1.0.0-${platform}.jar"))
def root = "META-INF/nativelib/dev.nativelib.its.chain/top/${platform}/".toString()
def config = jar.getInputStream(jar.getEntry(root + 'lib/cmake/Top/TopConfig.cmake')).text
def targets = jar.getInputStream(jar.getEntry(root + 'lib/cmake/Top/TopTargets.cmake')).text
def descriptor = jar.getInputStream(jar.getEntry(root + 'nativelib.properties')).text
jar.close()
expect(config.contains('find_dependency(Middle 1.0.0)'), 'TopConfig.cmake lacks find_dependency(Middle 1.0.0)')
expect(config.contains('find_dependency(Base 1.2.0)'), 'TopConfig.cmake lacks find_dependency(Base 1.2.0)')
expect(targets.contains('INTERFACE_LINK_LIBRARIES "Middle::middle"'), 'Top::top does not link Middle::middle')
expect(targets.contains('IMPORTED_SONAME "libtop.so.1"'), 'no IMPORTED_SONAME')
expect(descriptor.contains('require.count=2\n'), 'Top should record 2 required packages')
expect(descriptor.contains('require.0.artifactId=middle\nrequire.0.version=1.0.0\n')
        || descriptor.contains('require.1.artifactId=middle\nrequire.1.version=1.0.0\n'), 'Top must require middle')
expect(descriptor.contains('package.cmakeName=Top\n'), 'no package.cmakeName')

// A native dependency that exists only for another platform.
has("[ERROR] Failed to execute goal dev.nativelib:nativelib-maven-plugin:" as String)
has("Native dependency dev.nativelib.its.chain:lonely:1.0.0 has no JAR for platform ${platform}" +
        " (dev.nativelib.its.chain:lonely:1.0.0:jar:${platform}). Classifiers that exist: linux-riscv64. Build and" +
        " deploy the package for ${platform} (or pick one of those platforms with -Dnativelib.platform).")
// Without CMake the cmake goal says how to install it.
has("Cannot run 'no-such-cmake': Cannot run program \"no-such-cmake\"")
has("Install CMake 3.16 or newer (e.g. apt-get install cmake, brew install cmake, winget install Kitware.CMake) or" +
        " point <cmakeExecutable> (-Dnativelib.cmake.executable) at it.")
// A sibling module that has not been packaged in this build.
has("Native dependency dev.nativelib.its.chain:sib-a:1.0.0 is a module of this build that has not been packaged yet," +
        " so its platform JAR does not exist. Run the build to at least the package phase (`mvn package` or" +
        " `mvn install`), not only compile.")
// Java on top: the JNI binding of Top loads with Base, Middle and Top preloaded in that order.
has('[chain] top=42')
def order = (log =~ /\[chain\] loaded (\S+)/).collect { it[1] }
expect(order == ['libbase.so.1.2.0', 'libmiddle.so.1.0.0', 'libtop.so.1.0.0', 'libtopjni.so'], "load order ${order}")
has("[missing] failed: dev.nativelib.its.chain:top:1.0.0 [${platform}] needs the native package" +
        " dev.nativelib.its.chain:middle:1.0.0, which is not on the class path. Add it:")
// The same chain when Middle and Base are not packages on the class path but already loaded: found by SONAME.
has('[preloaded] top=42')
def preloaded = (log =~ /\[preloaded\] loaded (\S+)/).collect { it[1] }
expect(preloaded == ['libtop.so.1.0.0', 'libtopjni.so'], "preloaded order ${preloaded}")
return true
