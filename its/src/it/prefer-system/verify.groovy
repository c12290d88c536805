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
return true
