import java.util.zip.ZipFile

def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def arch = [amd64: 'x86_64', x86_64: 'x86_64', aarch64: 'aarch_64'].get(System.getProperty('os.arch'))
def platform = "linux-${arch}".toString()
def has = { String s -> expect(log.contains(s), "build.log lacks: " + s) }
def entry = { String artifactId, String version, String path ->
    def jar = new ZipFile(new File(basedir, "${artifactId}/target/${artifactId}-${version}-${platform}.jar"))
    try {
        def e = jar.getEntry("META-INF/nativelib/dev.nativelib.its.meson/${artifactId}/${platform}/${path}")
        expect(e != null, "${artifactId}'s JAR has no ${path}")
        return jar.getInputStream(e).text
    } finally {
        jar.close()
    }
}

// The generated pkg-config files: one per library, relocatable, Beta's requiring Alpha at the version built against.
def alphaPc = entry('alpha', '1.2.0', 'lib/pkgconfig/alpha.pc')
expect(alphaPc.contains('\nprefix=${pcfiledir}/../..\n'), "alpha.pc is not relocatable:\n${alphaPc}")
expect(alphaPc.contains('\nLibs: -L${libdir} -lalpha\nCflags: -I${includedir} -DALPHA_SHARED\n'), "alpha.pc:\n${alphaPc}")
def betaPc = entry('beta', '1.0.0', 'lib/pkgconfig/beta.pc')
expect(betaPc.contains('\nRequires: alpha >= 1.2.0\nLibs: -L${libdir} -lbeta\n'), "beta.pc:\n${betaPc}")

// nativelib:unpack's PKG_CONFIG_PATH, in the file beside nativelib-deps.cmake.
def unpacked = new File(basedir, 'consumer/target/nativelib').canonicalFile
def path = "${unpacked}/beta/lib/pkgconfig:${unpacked}/alpha/lib/pkgconfig".toString()
expect(new File(unpacked, 'pkg-config-path.txt').text == path + '\n', 'pkg-config-path.txt should hold ' + path)
def deps = new File(unpacked, 'nativelib-deps.cmake').text
expect(deps.contains('set(NATIVELIB_PKG_CONFIG_PATH "${_nativelib_deps}/beta/lib/pkgconfig"'
        + ' "${_nativelib_deps}/alpha/lib/pkgconfig")'), "nativelib-deps.cmake:\n${deps}")
has("PKG_CONFIG_PATH (in ${unpacked}/pkg-config-path.txt and \${nativelib.pkgConfigPath}): ${path}")
def b = "${unpacked}/beta/lib/pkgconfig/../.."
def a = "${unpacked}/alpha/lib/pkgconfig/../.."
has("pkg-config: -I${b}/include -I${a}/include -DALPHA_SHARED -L${b}/lib -lbeta -L${a}/lib -lalpha")

// Meson found Beta through pkg-config, and the JNI library it built was packaged, requiring Beta in turn.
has('Run-time dependency beta found: YES 1.0.0')
def consumerPc = entry('consumer', '1.0.0', 'lib/pkgconfig/mesonjni.pc')
expect(consumerPc.contains('\nRequires: beta >= 1.0.0'), "mesonjni.pc:\n${consumerPc}")
has('nativelib audit passed: 1 library for ' + platform)

// Java loads the Meson-built JNI library; nativelib preloads Alpha and Beta from their packages first.
has('[meson] value=42')
def order = (log =~ /\[meson\] loaded (\S+)/).collect { it[1] }
expect(order == ['libalpha.so.1.2.0', 'libbeta.so.1.0.0', 'libmesonjni.so'], "load order ${order}")
return true
