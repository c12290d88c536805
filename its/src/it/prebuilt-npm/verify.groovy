import java.util.zip.ZipFile

def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def log = new File(basedir, 'build.log').text
def jarOf = { String module -> new File(basedir, "${module}/target").listFiles().find { it.name.endsWith('.jar') } }
def entries = { File jar -> new ZipFile(jar).withCloseable { z -> z.entries().collect { it.name } } }

// The header vipsjni was compiled against and the library loaded are the npm package's.
expect(log.contains('[vips] header=8.17.3 library=8.17.3'), 'vipsjni did not report libvips 8.17.3')
def loaded = (log =~ /\[vips\] loaded (\S+)/).collect { it[1] }
expect(loaded == ['libvips-cpp.so.8.17.3', 'libvipsjni.so'], "loaded: ${loaded}")

// Item 1 of #15: the directory the imported target names under lib/ is in the JAR.
def root = 'META-INF/nativelib/dev.nativelib.its.npm/vips-native/linux-x86_64/'
def vips = entries(jarOf('vips-native'))
expect(vips.contains(root + 'lib/glib-2.0/include/glibconfig.h'), 'glibconfig.h is not packaged')
expect(vips.contains(root + 'lib/libvips-cpp.so.8.17.3'), 'libvips-cpp is not packaged')
expect(!vips.any { it.contains('/cplusplus/') }, 'excluded C++ sources were packaged')
def targets = new ZipFile(jarOf('vips-native')).withCloseable { z ->
    z.getInputStream(z.getEntry(root + 'lib/cmake/Vips/VipsTargets.cmake')).text }
expect(targets.contains('INTERFACE_INCLUDE_DIRECTORIES "${_nativelib_prefix}/include;${_nativelib_prefix}/include/glib-2.0;'
        + '${_nativelib_prefix}/lib/glib-2.0/include"'), targets)

// The summary says what was left out and why.
expect(log.contains('Left out 1 file, other files in the library directories (neither libraries nor headers): lib/index.js'),
        'the summary does not list lib/index.js')
expect(log.contains('Left out 7 files, excluded by <excludes> pattern cplusplus/: cplusplus/VConnection.cpp,'),
        'the summary does not list the excluded sources')
expect(log.contains('Left out 3 files, outside the library directories (<libraryDirectories>) and include directories:'
        + ' README.md, package.json, versions.json'), 'the summary does not list the files outside')
return true
