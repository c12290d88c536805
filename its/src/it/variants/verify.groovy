import java.util.zip.ZipFile

def expect = { boolean ok, String what -> if (!ok) throw new AssertionError(what) }
def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def has = { String s -> expect(log.contains(s), "build.log lacks: " + s) }

// The oracle: glibc's dynamic loader lists the x86-64 levels this machine supports.
def help = ['/lib64/ld-linux-x86-64.so.2', '--help'].execute().text
def supports = { String level -> help.contains("x86-64-${level} (supported".toString()) }
def best = supports('v4') ? 'v4' : supports('v3') ? 'v3' : 'baseline'
println "variants: this machine's best x86-64 level by ld.so --help: ${best}"
def classifierOf = [baseline: 'linux-x86_64', v3: 'linux-x86_64-v3', v4: 'linux-x86_64-v4',
                    cuda12: 'linux-x86_64-cuda12']
def isa = [baseline: 'sse2', v3: 'avx2', v4: 'avx512f', cuda12: 'sse2']
def chose = { String run, String build ->
    has("[${run}] build=${build} (${isa[build]})".toString())
    has("[${run}] loaded libfastjni.so of ${classifierOf[build]}".toString())
    has("[${run}] loaded libfast.so.1.0.0 of ${classifierOf[build]}".toString())
}

// Four JARs of one package, each rooted and indexed under its classifier, its descriptor naming the variant.
def properties = [baseline: null, v3: 'x86_64 :: level :: v3', v4: 'x86_64 :: level :: v4',
                  cuda12: 'cuda :: runtime :: 12']
properties.each { build, property ->
    def classifier = classifierOf[build]
    def file = new File(basedir, "fast/target/fast-1.0.0-${classifier}.jar")
    expect(file.isFile(), "no ${file}")
    def jar = new ZipFile(file)
    def root = "META-INF/nativelib/dev.nativelib.its.variants/fast/${classifier}/".toString()
    def index = jar.getInputStream(jar.getEntry('META-INF/nativelib/index.list')).text
    expect(index == "dev.nativelib.its.variants/fast/${classifier}/\n".toString(), "${classifier}: index is ${index}")
    def descriptor = jar.getInputStream(jar.getEntry(root + 'nativelib.properties')).text
    jar.close()
    if (property == null) {
        expect(descriptor.contains('nativelib.format=1\n'), 'the baseline keeps format 1')
        expect(!descriptor.contains('package.variant'), 'the baseline has no variant')
    } else {
        expect(descriptor.contains('nativelib.format=2\n'), "${classifier}: a variant is format 2")
        expect(descriptor.contains("package.variant=${build}\n".toString()), "${classifier}: no package.variant")
        // Properties files escape ':'.
        expect(descriptor.contains('package.variant.property.0=' + property.replace(':', '\\:') + '\n'),
                "${classifier}: the descriptor lacks ${property}")
    }
    has(property == null ? 'Packaged 2 libraries for linux-x86_64 into '
            : "Packaged 2 libraries for linux-x86_64, variant ${build} (${property}), into ".toString())
}

// The POM fast installs brings, for an x86-64 Linux consumer, the baseline and every variant; a property narrows it.
def pom = new File(basedir, '../../local-repo/dev/nativelib/its/variants/fast/1.0.0/fast-1.0.0.pom').text
def profile = { String id ->
    def m = pom =~ /(?s)<id>${java.util.regex.Pattern.quote(id)}<\/id>(.*?)<\/profile>/
    expect(m.find(), "the installed POM has no profile ${id}")
    (m.group(1) =~ /<classifier>([^<]*)<\/classifier>/).collect { it[1] }
}
def everything = ['linux-x86_64', 'linux-x86_64-cuda12', 'linux-x86_64-v3', 'linux-x86_64-v4']
expect(profile('nativelib-linux-x86_64-amd64') == everything, 'the amd64 profile must bring every variant')
expect(profile('nativelib-linux-x86_64-v3-selected') == ['linux-x86_64', 'linux-x86_64-v3'], 'v3 narrowing')
expect(profile('nativelib-linux-x86_64-baseline-selected') == ['linux-x86_64'], 'baseline narrowing')

// CMake builds against the baseline, or the variant chosen; a variant no dependency has is refused.
has('consumer-cmake: built against baseline (sse2)')
has('Unpacked dev.nativelib.its.variants:fast:1.0.0 [linux-x86_64] to ')
has('consumer-cmake: built against cuda12 (sse2)')
has('Unpacked dev.nativelib.its.variants:fast:1.0.0 [linux-x86_64-cuda12] to ')
has('No native dependency has a variant v5 for linux-x86_64 (a JAR with the classifier linux-x86_64-v5). The'
        + ' variants that exist:\n  dev.nativelib.its.variants:fast:1.0.0: baseline, cuda12, v3, v4\nChoose one of them'
        + ' with <variant> (-Dnativelib.variant=cuda12), or leave it unset for the baseline.')

// The best level the machine runs; with AVX-512 masked the v3 build; with v3 masked (v4 too) the baseline.
chose('best', best)
chose('mask-v4', best == 'baseline' ? 'baseline' : 'v3')
chose('mask-v3', 'baseline')
// A plan written under a mask is not replayed once the mask is gone.
chose('best-again', best)
// The CUDA build only when the machine has (here: is told it has) a driver for CUDA 12.
chose('no-gpu', 'baseline')
chose('cuda12', 'cuda12')
def refused = log.readLines().find { it.startsWith('[only-cuda12] ') }
expect(refused != null && refused.startsWith('[only-cuda12] failed: ') && refused.contains('cuda :: runtime :: 12'),
        "with only the CUDA 12 build and no CUDA, the load must fail naming what it needs: ${refused}")

// A variant labelled for another architecture is refused by the audit.
has('[variant-architecture] linux-aarch_64-v3: the variant needs x86_64 :: level :: v3, a property of x86_64'
        + ' machines, but its platform linux-aarch_64 is aarch_64; no machine of that platform has it, so the loader'
        + ' would never pick this variant. Fix: if the binaries are for x86_64, package them with'
        + ' <platform>linux-x86_64</platform>; if they are for aarch_64, correct <variantProperties>.')
return true
