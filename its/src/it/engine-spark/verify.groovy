def log = new File(basedir, 'build.log').text
def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
// Maven 4 prefixes a program's output with "[INFO] [stdout] "; patterns start with LINE for either.
def LINE = /(?m)^(?:\[INFO\] \[stdout\] )?/
def all = { pattern -> (log =~ pattern).collect { it } }

// spark-submit put the application JAR and the --jars (nativelib-loader, the two native packages) into its own
// class loader: not the application class loader, which holds Spark alone.
expect(log.contains('[driver] SparkApp in org.apache.spark.util.MutableURLClassLoader, the application class loader: false\n'),
        'the application should be loaded by Spark\'s MutableURLClassLoader')
expect(log.contains('[driver] master local[4]\n'), 'not run with local[4]')
expect(log.contains('[driver] results [f(0)=1, f(1)=4, f(2)=7, f(3)=10, f(4)=13, f(5)=16, f(6)=19, f(7)=22]\n'),
        'the driver did not collect f(x) = 3x + 1 for 0..7')

// Eight tasks, each loading the package itself; the first four waited until all four ran, then loaded at once.
def cache = new File(basedir, 'app/target/cache').canonicalPath
def tasks = all(/${LINE}\[task Executor task launch worker for task (\d)\.0 in stage 0\.0 \(TID \d\)\] f\((\d)\) with (\S+) \((four tasks running|fewer than four tasks ran)\), class loader (\S+)$/)
expect(tasks.size() == 8, "expected 8 tasks, found ${tasks.size()}")
expect(tasks.collect { it[2] as int }.sort() == (0..7).toList(), "each of 0..7 once: ${tasks.collect { it[2] }}")
expect(tasks.every { it[4] == 'four tasks running' }, 'the tasks did not run four at once')
expect(tasks.every { it[5] == 'org.apache.spark.util.MutableURLClassLoader' }, 'a task ran in another class loader')
def bound = tasks.collect { it[3] }.unique()
expect(bound.size() == 1 && bound[0] ==~ /\Q${cache}\E\/dev\.nativelib\.its\.spark\/calc-native-1\.0\.0-linux-x86_64-[0-9a-f]+\/lib\/libcalcjni\.so/,
        "every task should use the one extracted libcalcjni, found ${bound}")

// Extracted once, loaded once, although four tasks asked at once (the debug log of -Dnativelib.log=debug).
expect(all(/${LINE}\[nativelib\] extracting dev\.nativelib\.its\.spark:calc-native:1\.0\.0 /).size() == 1, 'calc-native extracted more than once')
expect(all(/${LINE}\[nativelib\] extracting dev\.nativelib\.its\.spark:scale-native:1\.0\.0 /).size() == 1, 'scale-native extracted more than once')
expect(all(/${LINE}\[nativelib\] loaded \S+\/libcalcjni\.so /).size() == 1, 'libcalcjni loaded more than once')
expect(all(/${LINE}\[nativelib\] loaded \S+\/libscale\.so\.1\.0\.0 /).size() == 1, 'libscale loaded more than once')
def extracted = new File(cache, 'dev.nativelib.its.spark').list().sort()
expect(extracted.size() == 2 && extracted[0].startsWith('calc-native-1.0.0-') && extracted[1].startsWith('scale-native-1.0.0-'),
        "the cache should hold one directory per package, found ${extracted}")
expect(!new File(cache, '.loaders').exists(), 'one class loader needs no private copies')
return true
