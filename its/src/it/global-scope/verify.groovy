def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def log = new File(basedir, 'build.log').text
def line = { String mode ->
    def m = log =~ /\[${mode}\] (.*)/
    expect(m.find(), "no output for ${mode}")
    m.group(1)
}
expect(line('jna') == 'value=42', "with JNA: ${line('jna')}")
def noJna = line('no-jna')
expect(noJna.startsWith('failed: Cannot load lib/libprovider.so.1.0.0 of dev.nativelib.its:provider-native:1.0.0:' +
        ' libprovider.so.1.0.0 must be opened with global symbol scope (RTLD_GLOBAL), which this JDK (17) can only' +
        ' do through JNA: add net.java.dev.jna:jna to the class path, or run on JDK 22 or newer.'), noJna)
def ffmExpected = '@ffm.skip@' == 'false'
if (ffmExpected) {
    expect(line('ffm') == 'value=42', "with FFM: ${line('ffm')}")
}
// orphan-native requires provider-local-native, whose libprovider is loaded first but with local scope.
def orphan = line('orphan')
expect(orphan.contains('undefined symbol: provider_fn'), orphan)
expect(log.contains('The library uses a symbol that none of the libraries it links (NEEDED) provides. If another' +
        ' package\'s library is meant to provide it, declare that package as a dependency and mark the library' +
        ' global in it (<globalLibraries> of nativelib:package).'), 'no hint after the undefined-symbol failure')
// Without a global library, JNA (on the class path) is not even loaded.
expect(line('no-global') == 'loaded libprovider.so.1.0.0', "no-global: ${line('no-global')}")
def classes = new File(basedir, 'app/target/no-global-classes.log').text
expect(classes.contains('dev.nativelib.loader.NativeLoader'), 'class-load log is empty?')
expect(!classes.contains('com.sun.jna'), 'JNA classes were loaded although no library is global')
// orphan-native was built against provider-local-native, which is loaded first, with local scope.
def orphanJar = new java.util.zip.ZipFile(new File(basedir, 'orphan-native/target').listFiles().find { it.name.endsWith('.jar') })
def descriptor = orphanJar.getInputStream(orphanJar.entries().find { it.name.endsWith('nativelib.properties') }).text
orphanJar.close()
expect(descriptor.contains('require.0.artifactId=provider-local-native\n'), 'orphan-native must require provider-local-native')
return true
