def log = new File(basedir, 'build.log').text
def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def has = { String line -> log.contains(line + '\n') }
// Maven 4 prefixes a program's output with "[INFO] [stdout] "; patterns start with LINE for either.
def LINE = /(?m)^(?:\[INFO\] \[stdout\] )?/
def found = { pattern -> (log =~ pattern).find() }

expect(has("[harness] nativelib-loader is not on the harness's class path"), 'the harness must not see the job classes')

// nativelib: a first job running (its results done, then held), a second job at the same time, a third after the
// first was cancelled. Each job's two subtasks load in the job's own child-first loader, which also defines
// nativelib-loader (the job brought it).
for (tag in ['nativelib-1', 'nativelib-2', 'nativelib-3']) {
    for (subtask in [0, 1]) {
        def opened = ~/${LINE}\[${tag} subtask ${subtask}\/2\] loaded by nativelib (\S+) in ChildFirstClassLoader, nativelib-loader from the same loader: true$/
        expect(found(opened), "${tag} subtask ${subtask} did not load through nativelib in Flink's child-first loader")
    }
    for (x in 1..8) {
        expect(found(/${LINE}\[${tag}\] f\(${x}\)=${3 * x + 1} on subtask [01]$/), "${tag} did not compute f(${x})")
    }
}
expect(has('[harness] nativelib-2: FINISHED'), 'the second nativelib job did not finish')
expect(has('[harness] nativelib-1: CANCELED'), 'the first nativelib job was not cancelled')
expect(has('[harness] nativelib-3: FINISHED'), 'the third nativelib job did not finish')
// The first job bound the extracted JNI library; the second, while the first still held it, a private copy (the
// JVM binds one file to one class loader); the dependency library is shared, loaded once.
def cache = new File(basedir, 'job/target/cache').canonicalPath
expect(found(/${LINE}\[nativelib-1 subtask 0\/2\] loaded by nativelib \Q${cache}\E\/dev\.nativelib\.its\.flink\/calc-native-1\.0\.0-[^\/]+\/lib\/libcalcjni\.so in /),
        'the first job should bind the extracted file')
expect(found(/${LINE}\[nativelib-2 subtask 0\/2\] loaded by nativelib \Q${cache}\E\/\.loaders\/calc-native-[^\/]+\/libcalcjni\.so in /),
        'the second job should bind a private copy')
def extracted = new File(cache, 'dev.nativelib.its.flink').list().sort()
expect(extracted.size() == 2 && extracted[0].startsWith('calc-native-1.0.0-') && extracted[1].startsWith('scale-native-1.0.0-'),
        "each package should be extracted once, found ${extracted}")

// Plain System.load of the same files: the first job works, the second cannot load the library the first holds.
for (x in 1..8) {
    expect(found(/${LINE}\[plain-1\] f\(${x}\)=${3 * x + 1} on subtask [01]$/), "plain-1 did not compute f(${x})")
}
expect(has('[harness] plain-2: FAILED'), 'the second plain job should fail')
def scale = new File(basedir, 'scale-native/target/nativelib-install/lib/libscale.so.1').canonicalPath
expect(has("[harness] plain-2 failed: java.lang.UnsatisfiedLinkError: Native Library ${scale} already loaded in another classloader"),
        'the second plain job should fail with the JVM\'s "already loaded in another classloader"')
expect(!found(/${LINE}\[plain-2\] f\(/), 'the second plain job computed something')
expect(has('[harness] plain-1: CANCELED'), 'the first plain job was not cancelled')
expect(has('[harness] done'), 'the harness did not finish')
return true
