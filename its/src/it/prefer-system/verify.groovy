def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def log = new File(basedir, 'build.log').text
def system = new File(basedir, 'calc-native/target/system-lib').canonicalPath
def cache = new File(basedir, 'app/target/cache').canonicalPath
def line = { String mode ->
    def m = log =~ /\[${mode}\] calc=(\d) libcalc from (.*)/
    expect(m.find(), "no output for ${mode}")
    [m.group(1), m.group(2).trim()]
}
def packaged = line('packaged')
expect(packaged[0] == '1' && packaged[1].startsWith(cache), "packaged copy expected despite LD_LIBRARY_PATH: ${packaged}")
def sys = line('prefer-system')
expect(sys[0] == '2' && sys[1] == "${system}/libcalc.so.1".toString(), "system copy expected: ${sys}")
def fallback = line('fallback')
expect(fallback[0] == '1' && fallback[1].startsWith(cache), "packaged fallback expected: ${fallback}")
def dir = line('directory')
expect(dir[0] == '2' && dir[1].startsWith(system), "override directory expected: ${dir}")
// A same-SONAME library loaded first by someone else: the bindings use it (calc=2), and nativelib says so.
def warned = line('verify-warn')
expect(warned[0] == '2', "the first-loaded copy serves libcalcjni: ${warned}")
def conflict = "libcalc.so.1: ${system}/libcalc.so.1.0.0 was loaded before nativelib's copy ${cache}/dev.nativelib.its/calc-native-1.0.0-"
expect(log.contains("WARNING: " + conflict), 'no warning about the SONAME conflict')
def m = log =~ /\[verify-error\] failed: (.*)/
expect(m.find(), 'verify=error did not fail the load')
expect(m.group(1).startsWith("Loaded dev.nativelib.its:calc-native:1.0.0, but " + conflict), m.group(1))
expect(m.group(1).endsWith("(-Dnativelib.verify=error makes this an error)"), m.group(1))
return true
