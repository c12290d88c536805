def log = new File(basedir, 'build.log').text
def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
// Maven 4 prefixes a program's output with "[INFO] [stdout] "; patterns start with LINE for either.
def LINE = /(?m)^(?:\[INFO\] \[stdout\] )?/

// Three spark-submit runs, one after the other: the executor's class loader parent-first (Spark's default), then
// child-first (spark.executor.userClassPathFirst=true), each with its own cache directory; then parent-first with no
// cache setting and a home directory that cannot be created, as in a container.
def childFirst = log.indexOf('[child-first driver] SparkApp in ')
def noHome = log.indexOf('[no-home driver] SparkApp in ')
expect(childFirst > 0 && noHome > childFirst, 'the child-first and no-home runs did not start, in this order')
// <java.io.tmpdir>/nativelib-<user>, the user name with anything but letters, digits and ._- replaced by _
def tmpCache = 'nativelib-' + System.getProperty('user.name').replaceAll(/[^A-Za-z0-9._-]/, '_')
def runs = ['parent-first': [log.substring(0, childFirst), 'cache', 'org.apache.spark.util.MutableURLClassLoader', false],
            'child-first': [log.substring(childFirst, noHome), 'cache-child-first', 'org.apache.spark.util.ChildFirstURLClassLoader', true],
            'no-home': [log.substring(noHome), tmpCache, 'org.apache.spark.util.MutableURLClassLoader', false]]
runs.each { run, facts ->
    def (String text, String cacheName, String taskLoader, boolean ownCopy) = facts
    def all = { pattern -> (text =~ pattern).collect { it } }
    // spark-submit put the application JAR and the --jars (nativelib-loader, the two native packages) into its own
    // class loader: not the application class loader, which holds Spark alone.
    expect(text.contains("[${run} driver] SparkApp in org.apache.spark.util.MutableURLClassLoader, the application class loader: false\n"),
            "${run}: the application should be loaded by Spark's MutableURLClassLoader")
    expect(text.contains("[${run} driver] master local[4]\n"), "${run}: not run with local[4]")
    expect(text.contains("[${run} driver] results [f(0)=1, f(1)=4, f(2)=7, f(3)=10, f(4)=13, f(5)=16, f(6)=19, f(7)=22]\n"),
            "${run}: the driver did not collect f(x) = 3x + 1 for 0..7")

    // Eight tasks, each loading the package itself; the first four waited until all four ran, then loaded at once.
    def cache = new File(basedir, "app/target/${cacheName}").canonicalPath
    def tasks = all(/${LINE}\[${run} task Executor task launch worker for task (\d)\.0 in stage 0\.0 \(TID \d\)\] f\((\d)\) with (\S+) \((four tasks running|fewer than four tasks ran)\), class loader (\S+), nativelib-loader from the same loader: (true|false)$/)
    expect(tasks.size() == 8, "${run}: expected 8 tasks, found ${tasks.size()}")
    expect(tasks.collect { it[2] as int }.sort() == (0..7).toList(), "${run}: each of 0..7 once: ${tasks.collect { it[2] }}")
    expect(tasks.every { it[4] == 'four tasks running' }, "${run}: the tasks did not run four at once")
    expect(tasks.every { it[5] == taskLoader }, "${run}: tasks should run in ${taskLoader}: ${tasks.collect { it[5] }.unique()}")
    // Child-first, the executor's loader defines nativelib-loader itself, from its copy of the JAR.
    expect(tasks.every { it[6] == 'true' }, "${run}: nativelib-loader should come from the tasks' loader")
    def bound = tasks.collect { it[3] }.unique()
    expect(bound.size() == 1 && bound[0] ==~ /\Q${cache}\E\/dev\.nativelib\.its\.spark\/calc-native-1\.0\.0-linux-x86_64-[0-9a-f]+\/lib\/libcalcjni\.so/,
            "${run}: every task should use the one extracted libcalcjni, found ${bound}")

    // Extracted once, loaded once, although four tasks asked at once (the debug log of -Dnativelib.log=debug).
    expect(all(/${LINE}\[nativelib\] extracting dev\.nativelib\.its\.spark:calc-native:1\.0\.0 /).size() == 1, "${run}: calc-native extracted more than once")
    expect(all(/${LINE}\[nativelib\] extracting dev\.nativelib\.its\.spark:scale-native:1\.0\.0 /).size() == 1, "${run}: scale-native extracted more than once")
    expect(all(/${LINE}\[nativelib\] loaded \S+\/libcalcjni\.so /).size() == 1, "${run}: libcalcjni loaded more than once")
    expect(all(/${LINE}\[nativelib\] loaded \S+\/libscale\.so\.1\.0\.0 /).size() == 1, "${run}: libscale loaded more than once")
    def extracted = new File(cache, 'dev.nativelib.its.spark').list().sort()
    expect(extracted.size() == 2 && extracted[0].startsWith('calc-native-1.0.0-') && extracted[1].startsWith('scale-native-1.0.0-'),
            "${run}: the cache should hold one directory per package, found ${extracted}")
    expect(!new File(cache, '.loaders').exists(), "${run}: one class loader needs no private copies")
    if (ownCopy) {
        // The child-first loader sees its copies of the JARs and, through its parent, the originals: one package.
        expect(all(/${LINE}\[nativelib\] ignored \S+\/calc-native-1\.0\.0-linux-x86_64\.jar: the same dev\.nativelib\.its\.spark:calc-native:1\.0\.0 \[linux-x86_64\] as found before$/).size() >= 1,
                "${run}: the second copy of calc-native's JAR should be ignored as the same package")
    }
}
return true
