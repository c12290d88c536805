import java.util.zip.ZipFile

def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def log = new File(basedir, 'build.log').text
def jarOf = { String module -> new File(basedir, "${module}/target").listFiles().find { it.name.endsWith('.jar') } }
def entries = { File jar -> new ZipFile(jar).withCloseable { z -> z.entries().collect { it.name } } }
def text = { File jar, String entry -> new ZipFile(jar).withCloseable { z -> z.getInputStream(z.getEntry(entry)).text } }

// Both JNI libraries were compiled against the package's headers and run against its library.
expect(log.contains('[shared] header=3.0.20 library=3.0.20'), 'ssljni did not report OpenSSL 3.0.20')
expect(log.contains('[static] header=3.0.20 library=3.0.20'), 'sslstaticjni did not report OpenSSL 3.0.20')
// The loader loads a package whole, each library after what it needs: libcrypto.so.3 and libssl.so.3 from the .deb
// files first. Loading sslstaticjni afterwards adds nothing new.
def loaded = { String kind -> (log =~ /\[${kind}\] loaded (\S+)/).collect { it[1] } }
def all = ['libcrypto.so.3', 'libssl.so.3', 'libssljni.so', 'libsslstaticjni.so']
expect(loaded('shared') == all, "shared: ${loaded('shared')}")
expect(loaded('static') == all, "static: ${loaded('static')}")
// sslstaticjni carries libcrypto.a: it needs only libc; ssljni needs the shared libcrypto.so.3.
def props = { String t -> def p = new Properties(); p.load(new StringReader(t)); p }
def jni = text(jarOf('ssljni-native'), 'META-INF/nativelib/dev.nativelib.its.debian/ssljni-native/linux-x86_64/'
        + 'nativelib.properties')
def needed = { Properties p, int i -> (0..<(p.getProperty("library.${i}.needed.count") as int)).collect {
    p.getProperty("library.${i}.needed.${it}") } }
def jniProps = props(jni)
expect(jniProps.getProperty('library.0.path') == 'lib/libssljni.so', jni)
expect(needed(jniProps, 0) == ['libcrypto.so.3', 'libc.so.6'], "ssljni needs ${needed(jniProps, 0)}")
expect(jniProps.getProperty('library.1.path') == 'lib/libsslstaticjni.so', jni)
expect(needed(jniProps, 1) == ['libc.so.6'], "sslstaticjni needs ${needed(jniProps, 1)}")

def jar = jarOf('openssl-native')
def root = 'META-INF/nativelib/dev.nativelib.its.debian/openssl-native/linux-x86_64/'
def names = entries(jar)
// multiarch: libraries in lib/x86_64-linux-gnu, architecture-specific headers in include/x86_64-linux-gnu
['lib/x86_64-linux-gnu/libssl.so.3', 'lib/x86_64-linux-gnu/libcrypto.so.3', 'lib/x86_64-linux-gnu/libcrypto.a',
 'lib/x86_64-linux-gnu/libssl.a', 'include/x86_64-linux-gnu/openssl/configuration.h', 'include/openssl/ssl.h'].each {
    expect(names.contains(root + it), "${it} is not packaged")
}
expect(!names.any { it.contains('engines-3') || it.contains('ossl-modules') }, 'excluded plugins were packaged')
def descriptor = text(jar, root + 'nativelib.properties')
def descriptorProps = props(descriptor)
expect(descriptorProps.getProperty('alias.1.path') == 'lib/x86_64-linux-gnu/libssl.so'
        && descriptorProps.getProperty('alias.1.target') == 'libssl.so.3', 'the development link libssl.so is not recorded')
def targets = text(jar, root + 'lib/cmake/DebianOpenSSL/DebianOpenSSLTargets.cmake')
expect(targets.contains('INTERFACE_INCLUDE_DIRECTORIES "${_nativelib_prefix}/include/x86_64-linux-gnu;'
        + '${_nativelib_prefix}/include"'), targets)
expect(targets.contains('add_library(DebianOpenSSL::crypto_static STATIC IMPORTED)'), targets)
expect(targets.contains('INTERFACE_LINK_LIBRARIES "DebianOpenSSL::crypto_static"'), 'ssl_static must link crypto_static')

// The summary says what was left out and why.
[
    'Include path: include/x86_64-linux-gnu, include',
    'Static archives: lib/x86_64-linux-gnu/libcrypto.a, lib/x86_64-linux-gnu/libssl.a',
    'Left out 3 files, excluded by <excludes> pattern lib/*/engines-3/: lib/x86_64-linux-gnu/engines-3/afalg.so,'
            + ' lib/x86_64-linux-gnu/engines-3/loader_attic.so, lib/x86_64-linux-gnu/engines-3/padlock.so',
    'Left out 1 file, excluded by <excludes> pattern lib/*/ossl-modules/: lib/x86_64-linux-gnu/ossl-modules/legacy.so',
    // Debian's own .pc files ship, made relocatable, and unpack puts their multiarch directory on PKG_CONFIG_PATH.
    "Rewrote lib/x86_64-linux-gnu/pkgconfig/libssl.pc: prefix '/usr' -> '\${pcfiledir}/../../..'",
    'pkg-config: lib/x86_64-linux-gnu/pkgconfig/libcrypto.pc, lib/x86_64-linux-gnu/pkgconfig/libssl.pc,'
            + ' lib/x86_64-linux-gnu/pkgconfig/openssl.pc',
    'target/nativelib/openssl-native/lib/x86_64-linux-gnu/pkgconfig',
    'Left out 6 files, documentation: share/doc/libssl-dev/changelog.Debian.gz',
].each { expect(log.contains(it), "the summary lacks: ${it}") }
expect(!log.contains('pkg-config files ('), 'the .pc files are shipped, not left out')
return true
