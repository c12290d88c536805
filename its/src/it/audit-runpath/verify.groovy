import java.util.zip.ZipFile

def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def prefix = new File(basedir, 'target/nativelib-install').canonicalPath
def arch = [amd64: 'x86_64', x86_64: 'x86_64', aarch64: 'aarch_64'].get(System.getProperty('os.arch'))
def platform = "linux-${arch}".toString()

// Invocation 1 failed in the standalone audit, naming file, rule and fix.
def failure = "[ERROR] [absolute-runpath] lib/libbar.so: run path ${prefix}/lib is an absolute path on the build" +
        " machine; it does not exist where the package is used, and could load something else if it does. Fix:" +
        " build with -DCMAKE_INSTALL_RPATH='\$ORIGIN' (or a \$ORIGIN-relative path), or set" +
        " <rewriteRunPaths>true</rewriteRunPaths> to rewrite it while packaging."
expect(log.contains(failure.toString()), "build.log lacks the audit failure:\n" + failure)
expect(log.contains("nativelib audit of ${prefix} failed with 1 finding:".toString()), 'no failure summary')

// Invocation 2 rewrote the packaged copy and passed.
expect(log.contains("Rewrote lib/libbar.so: RUNPATH '${prefix}/lib' -> '\$ORIGIN'".toString()), 'no rewrite logged')

// Invocation 3 (the last one, whose output is on disk) built with $ORIGIN and passed both audits.
expect(log.contains("nativelib audit passed: 2 libraries for ${platform}".toString()), 'audit did not pass')
// The report: each library, what provides each needed library, and the symbol versions it requires.
[
    "[INFO] nativelib audit of ${platform} against manylinux_2_17 (GLIBC_2.17, GLIBCXX_3.4.19, CXXABI_1.3.7, GCC_4.8.0):",
    "[INFO]   lib/libbar.so (ELF ${arch}, SONAME libbar.so)",
    "[INFO]     needs libfoo.so.2: this package (lib/libfoo.so.2.1.0)",
    "[INFO]     needs libm.so.6: base system manylinux_2_17",
    "[INFO]     run paths: \$ORIGIN",
    "[INFO]   lib/libfoo.so.2.1.0 (ELF ${arch}, SONAME libfoo.so.2)",
    "[INFO]     requires: GLIBC_2.14",
].each { expect(log.contains(it.toString()), "build.log lacks the report line:\n" + it) }
def report = new File(basedir, "target/nativelib-audit-${platform}.json").text
[
    '"package": "dev.nativelib.its:runpath:2.1.0"',
    '"passed": true',
    '"name": "manylinux_2_17"',
    '{"name": "libfoo.so.2", "providedBy": "package", "provider": "lib/libfoo.so.2.1.0", "versions": []}',
    '"requires": {"GLIBC": "2.14"}',
].each { expect(report.contains(it), "the JSON report lacks ${it}:\n${report}") }
def jar = new File(basedir, "target/runpath-2.1.0-${platform}.jar")
def zip = new ZipFile(jar)
def root = "META-INF/nativelib/dev.nativelib.its/runpath/${platform}/".toString()
def d = new Properties()
d.load(zip.getInputStream(zip.getEntry(root + 'nativelib.properties')))
zip.close()
// Load order from NEEDED, not from names: libfoo first although "bar" sorts first.
expect(d['library.0.path'] == 'lib/libfoo.so.2.1.0', "library 0 is ${d['library.0.path']}")
expect(d['library.1.path'] == 'lib/libbar.so', "library 1 is ${d['library.1.path']}")
expect(d['library.0.soname'] == 'libfoo.so.2', "soname ${d['library.0.soname']}")
expect(d['library.1.soname'] == 'libbar.so', "soname ${d['library.1.soname']}")
expect(d['library.0.architecture'] == arch, "architecture ${d['library.0.architecture']}")
def needed = (0..<(d['library.1.needed.count'] as int)).collect { d["library.1.needed.${it}".toString()] }
expect(needed == ['libfoo.so.2', 'libm.so.6'], "needed ${needed}")
expect(d['library.1.runpath.count'] == '1' && d['library.1.runpath.0'] == '$ORIGIN', 'runpath not recorded')
expect(d['library.0.minimumGlibc'] == '2.14', "minimumGlibc ${d['library.0.minimumGlibc']} (memcpy is GLIBC_2.14)")
expect(d['package.minimumGlibc'] != null, 'no package.minimumGlibc')
def aliases = (0..<(d['alias.count'] as int)).collect { d["alias.${it}.path".toString()] + '->' + d["alias.${it}.target".toString()] }
expect(aliases.contains('lib/libfoo.so.2->libfoo.so.2.1.0'), "aliases ${aliases}")
return true
