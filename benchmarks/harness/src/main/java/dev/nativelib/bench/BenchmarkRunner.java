package dev.nativelib.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every benchmark in one go, variants interleaved round by round so that drift of the machine hits them alike,
 * and writes {@code benchmarks/RESULTS.md} and the site's plot. Times are whole-process wall times of fresh JVMs
 * (what a user waits for) and, where the child reports it, the time of the load call inside the process.
 */
public final class BenchmarkRunner {

    /** The variants section's full-path load in a cache without a machine record. */
    static final String FIRST_OF_BOOT = "full path, with a v2 variant, first JVM of a boot";

    /** Every section, in the order RESULTS.md lists them. */
    private static final String ALL_SECTIONS = "warm,jna,variants,contention,cold,plugin";

    private final Workbench bench;
    private final int runs;
    private final int coldRuns;
    private final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classPath = childClassPath();
    private final Results results = new Results();

    private BenchmarkRunner(Workbench bench, int runs, int coldRuns) {
        this.bench = bench;
        this.runs = runs;
        this.coldRuns = coldRuns;
    }

    /**
     * The class path of the child JVMs: the runner's own, with the harness's classes directory replaced by the
     * harness JAR. An application's classes come from JARs; run from a directory, the baseline would skip the JDK's
     * JAR machinery (about 7 ms of a fresh JVM, on first use) that the loader's JAR then pays for alone.
     */
    private static String childClassPath() {
        String own = System.getProperty("java.class.path");
        String jar = System.getProperty("bench.harnessJar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            return own;
        }
        List<String> entries = new ArrayList<>();
        for (String e : own.split(File.pathSeparator)) {
            entries.add(Files.isDirectory(Path.of(e)) && Path.of(e).endsWith(Path.of("target", "classes")) ? jar : e);
        }
        return String.join(File.pathSeparator, entries);
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(System.getProperty("bench.work", "target/bench-work")).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        BenchmarkRunner runner = new BenchmarkRunner(new Workbench(work, System.getProperty("bench.platform",
                "linux-x86_64")), Integer.getInteger("bench.runs", 21), Integer.getInteger("bench.coldRuns", 5));
        // -Dbench.sections=warm,jna picks some sections while iterating; RESULTS.md is only written for a full run.
        String sections = System.getProperty("bench.sections", ALL_SECTIONS);
        boolean full = sections.equals(ALL_SECTIONS);
        if (sections.contains("warm")) {
            runner.warm();
        }
        if (sections.contains("jna")) {
            runner.jnaUntouched();
        }
        if (sections.contains("variants")) {
            runner.variants();
        }
        if (sections.contains("contention")) {
            runner.contention();
        }
        if (sections.contains("cold")) {
            runner.cold();
        }
        if (sections.contains("plugin")) {
            runner.plugin();
        }
        if (!full && Boolean.getBoolean("bench.update")) {
            // Some sections, written into the results of the last full run (and the site's copy); the plot stays.
            Path md = Path.of(System.getProperty("bench.results", "RESULTS.md"));
            String merged = runner.results.mergeInto(Files.readString(md), sections);
            Files.writeString(md, merged);
            Path site = Path.of(System.getProperty("bench.siteResults", "benchmark-results.md"));
            Files.writeString(site, merged.replace("../src/site/resources/images/", "images/"));
            System.out.println(merged);
            System.out.println("Updated " + md.toAbsolutePath() + " and " + site.toAbsolutePath());
            return;
        }
        if (!full) {
            System.out.println(runner.results.markdown());
            return;
        }
        Path md = Path.of(System.getProperty("bench.results", "RESULTS.md"));
        Files.writeString(md, runner.results.markdown());
        // The site shows the same tables; its page lives beside the plot's resources directory.
        Path site = Path.of(System.getProperty("bench.siteResults", "benchmark-results.md"));
        Files.createDirectories(site.toAbsolutePath().getParent());
        Files.writeString(site, runner.results.markdown().replace("../src/site/resources/images/", "images/"));
        Path svg = Path.of(System.getProperty("bench.plot", "benchmarks.svg"));
        Files.createDirectories(svg.toAbsolutePath().getParent());
        Files.writeString(svg, runner.results.svg());
        System.out.println(runner.results.markdown());
        System.out.println("Wrote " + md.toAbsolutePath() + ", " + site.toAbsolutePath() + " and "
                + svg.toAbsolutePath());
    }

    private List<String> jvm(String... rest) {
        List<String> c = new ArrayList<>(List.of(javaBin, "-Xshare:auto", "-cp", classPath));
        c.addAll(List.of(rest));
        return c;
    }

    private List<String> jvmWith(List<String> props, String... rest) {
        List<String> c = new ArrayList<>(List.of(javaBin, "-Xshare:auto"));
        c.addAll(props);
        c.addAll(List.of("-cp", classPath));
        c.addAll(List.of(rest));
        return c;
    }

    /** Warm start of the C -> B -> A chain plus its JNI library, every loader from its own warm cache. */
    private void warm() throws IOException {
        List<Path> chain = bench.extractChain(bench.work().resolve("raw"));
        Path javacppJar = bench.javacppJar(chain);
        Path cache = bench.work().resolve("nativelib-cache");
        Path javacppCache = bench.work().resolve("javacpp-cache");
        List<String> files = chain.stream().map(Path::toString).toList();

        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("empty JVM", jvm(EmptyJvm.class.getName()));
        List<String> raw = new ArrayList<>(jvm(RawLoad.class.getName()));
        raw.addAll(files);
        variants.put("System.load", raw);
        variants.put("nativelib", jvmWith(List.of("-Dnativelib.cache.dir=" + cache),
                NativelibLoad.class.getName(), "chainjni"));
        List<String> javacpp = new ArrayList<>(List.of(javaBin, "-Xshare:auto",
                "-Dorg.bytedeco.javacpp.cachedir=" + javacppCache, "-cp", classPath + File.pathSeparator
                + javacppJar, JavaCppLoad.class.getName()));
        variants.put("JavaCPP Loader.load", javacpp);
        List<String> jna = new ArrayList<>(jvmWith(List.of("-Djna.tmpdir=" + bench.work().resolve("jna-tmp")),
                JnaLoad.class.getName()));
        jna.addAll(files.subList(0, 3));
        variants.put("JNA NativeLibrary (C libraries only)", jna);

        // Both again with an application CDS archive of their own (written by a first run with
        // -XX:ArchiveClassesAtExit once the caches are warm): what remains without the cost of loading classes.
        Path rawArchive = bench.work().resolve("raw.jsa");
        Path ourArchive = bench.work().resolve("nativelib.jsa");
        for (int i = 0; i < 2; i++) {
            ChildProcess.run(variants.get("nativelib"), Map.of(), bench.work());
        }
        ChildProcess.run(withOption(raw, "-XX:ArchiveClassesAtExit=" + rawArchive), Map.of(), bench.work());
        ChildProcess.run(withOption(variants.get("nativelib"), "-XX:ArchiveClassesAtExit=" + ourArchive), Map.of(),
                bench.work());
        variants.put("System.load, AppCDS", withOption(raw, "-XX:SharedArchiveFile=" + rawArchive));
        variants.put("nativelib, AppCDS", withOption(variants.get("nativelib"), "-XX:SharedArchiveFile=" + ourArchive));

        Map<String, Samples> wall = new LinkedHashMap<>();
        Map<String, Samples> inside = new LinkedHashMap<>();
        for (String v : variants.keySet()) {
            wall.put(v, new Samples(v));
            inside.put(v, new Samples(v));
        }
        // Warm-up: fill the caches (the first nativelib and JavaCPP runs extract), page cache, CDS.
        for (int i = 0; i < 3; i++) {
            for (List<String> command : variants.values()) {
                ChildProcess.run(command, Map.of(), bench.work());
            }
        }
        List<String> names = new ArrayList<>(variants.keySet());
        for (int round = 0; round < runs; round++) {
            // Rotate the order each round so no variant always runs right after another.
            for (int k = 0; k < names.size(); k++) {
                String v = names.get((round + k) % names.size());
                ChildProcess.Result r = ChildProcess.run(variants.get(v), Map.of(), bench.work());
                wall.get(v).add(r.wallMillis());
                inside.get(v).add(r.loadMillis());
            }
        }
        results.warm(wall, inside);
    }

    /**
     * What hardware variants cost: the chain's warm load (plan replayed) and full-path load
     * ({@code nativelib.plan=off}, as on an application's first start) with chain-c's baseline alone and with its v2
     * variant beside it, the full path also without a machine record (the first JVM of a boot); then detection and
     * the record read alone.
     */
    private void variants() throws IOException {
        String withVariant = classPath + File.pathSeparator + bench.chainVariantJar();
        Path plain = bench.work().resolve("variants-cache-baseline");
        Path chosen = bench.work().resolve("variants-cache-variant");
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("warm, baseline only", jvmWith(List.of("-Dnativelib.cache.dir=" + plain),
                NativelibLoad.class.getName(), "chainjni"));
        variants.put("warm, with a v2 variant", List.of(javaBin, "-Xshare:auto", "-Dnativelib.cache.dir=" + chosen,
                "-cp", withVariant, NativelibLoad.class.getName(), "chainjni"));
        variants.put("full path, baseline only", jvmWith(List.of("-Dnativelib.cache.dir=" + plain,
                "-Dnativelib.plan=off"), NativelibLoad.class.getName(), "chainjni"));
        variants.put("full path, with a v2 variant", List.of(javaBin, "-Xshare:auto", "-Dnativelib.cache.dir=" + chosen,
                "-Dnativelib.plan=off", "-cp", withVariant, NativelibLoad.class.getName(), "chainjni"));
        // The first JVM of a boot: its cache holds no machine record (removed before each run), so it detects.
        Path first = bench.work().resolve("variants-cache-first");
        variants.put(FIRST_OF_BOOT, List.of(javaBin, "-Xshare:auto", "-Dnativelib.cache.dir=" + first,
                "-Dnativelib.plan=off", "-cp", withVariant, NativelibLoad.class.getName(), "chainjni"));
        variants.put("detection alone", jvm(DetectTimer.class.getName(), "detect"));
        Path records = Files.createDirectories(bench.work().resolve("variants-records"));
        variants.put("machine record alone", jvm(DetectTimer.class.getName(), "record", records.toString()));
        for (int i = 0; i < 3; i++) {
            for (List<String> command : variants.values()) {
                ChildProcess.run(command, Map.of(), bench.work());
            }
        }
        // A variant that was never picked would time nothing worth knowing: x86-64-v2 is on every machine this runs.
        try (var s = Files.walk(chosen, 3)) {
            if (s.noneMatch(p -> p.getFileName().toString().contains("-linux-x86_64-v2-"))) {
                throw new IllegalStateException("the v2 variant was not extracted to " + chosen);
            }
        }
        Map<String, Samples> wall = new LinkedHashMap<>();
        Map<String, Samples> inside = new LinkedHashMap<>();
        for (String v : variants.keySet()) {
            wall.put(v, new Samples(v));
            inside.put(v, new Samples(v));
        }
        List<String> names = new ArrayList<>(variants.keySet());
        for (int round = 0; round < runs; round++) {
            for (int k = 0; k < names.size(); k++) {
                String v = names.get((round + k) % names.size());
                if (v.equals(FIRST_OF_BOOT)) {
                    deleteTree(first.resolve(".machines"));
                }
                ChildProcess.Result r = ChildProcess.run(variants.get(v), Map.of(), bench.work());
                if (v.startsWith("machine record") != r.output().contains("from=record")) {
                    throw new IllegalStateException(v + " took the wrong way:\n" + r.output());
                }
                wall.get(v).add(r.wallMillis());
                inside.get(v).add(r.loadMillis());
            }
        }
        results.variants(wall, inside);
    }

    /** The command with a JVM option added right after the java executable. */
    private static List<String> withOption(List<String> command, String option) {
        List<String> c = new ArrayList<>(command);
        c.add(1, option);
        return c;
    }

    /** nativelib must not initialise JNA unless a library needs global scope: count JNA classes it loads. */
    private void jnaUntouched() throws IOException {
        ChildProcess.Result r = ChildProcess.run(jvmWith(List.of("-Xlog:class+load=info",
                "-Dnativelib.cache.dir=" + bench.work().resolve("nativelib-cache")), NativelibLoad.class.getName(),
                "chainjni"), Map.of(), bench.work());
        long jna = r.output().lines().filter(l -> l.contains(" com.sun.jna.")).count();
        long all = r.output().lines().filter(l -> l.contains("source:")).count();
        results.jnaClasses(jna, all);
    }

    /** 16 JVMs started at once on a cold cache, against 16 that load already-extracted files. */
    private void contention() throws IOException {
        List<Path> chain = bench.extractChain(bench.work().resolve("raw"));
        Samples nativelib = new Samples("16 JVMs, nativelib, cold cache");
        Samples raw = new Samples("16 JVMs, System.load of extracted files");
        for (int round = 0; round < Math.max(3, coldRuns); round++) {
            Path cache = bench.work().resolve("contention-cache-" + round);
            List<List<String>> cold = new ArrayList<>();
            List<List<String>> plain = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                cold.add(jvmWith(List.of("-Dnativelib.cache.dir=" + cache), NativelibLoad.class.getName(),
                        "chainjni"));
                List<String> r = new ArrayList<>(jvm(RawLoad.class.getName()));
                chain.forEach(p -> r.add(p.toString()));
                plain.add(r);
            }
            nativelib.add(ChildProcess.runConcurrently(cold, bench.work()));
            raw.add(ChildProcess.runConcurrently(plain, bench.work()));
            deleteTree(cache);
        }
        results.contention(nativelib, raw);
    }

    /** First load of a ~200 MB library, extraction included, against unzip -p to a file and System.load. */
    private void cold() throws IOException {
        Path prefix = bench.work().resolve("big/prefix");
        bench.bigLibrary(prefix.resolve("lib"), "big", 200L << 20, 1);
        Path project = bench.work().resolve("big/project");
        Workbench.write(project.resolve("pom.xml"), Projects.bigPackage(prefix));
        maven(project, "package");
        Map<String, Path> jars = Map.of("deflated", project.resolve("target/big-1.0.0-linux-x86_64.jar"),
                "stored", project.resolve("target/big-1.0.0-stored.jar"));
        String entry = "META-INF/nativelib/dev.nativelib.benchmarks/big/linux-x86_64/lib/libbig.so";
        Map<String, Samples> ours = new LinkedHashMap<>();
        Map<String, Samples> unzip = new LinkedHashMap<>();
        for (String kind : List.of("stored", "deflated")) {
            Samples n = new Samples("nativelib, " + kind);
            Samples u = new Samples("unzip -p + System.load, " + kind);
            Path jar = jars.get(kind);
            for (int i = 0; i < coldRuns; i++) {
                Path cache = bench.work().resolve("cold-cache");
                deleteTree(cache);
                List<String> c = new ArrayList<>(List.of(javaBin, "-Xshare:auto", "-Dnativelib.cache.dir=" + cache,
                        "-cp", classPath + File.pathSeparator + jar, NativelibLoad.class.getName(), "big"));
                n.add(ChildProcess.run(c, Map.of(), bench.work()).wallMillis());
                Path out = bench.work().resolve("cold-unzip/libbig.so");
                deleteTree(out.getParent());
                Files.createDirectories(out.getParent());
                double unzipMs = ChildProcess.run(List.of("sh", "-c", "unzip -p '" + jar + "' '" + entry + "' > '"
                        + out + "'"), Map.of(), bench.work()).wallMillis();
                double loadMs = ChildProcess.run(jvm(RawLoad.class.getName(), out.toString()), Map.of(),
                        bench.work()).wallMillis();
                u.add(unzipMs + loadMs);
            }
            ours.put(kind, n);
            unzip.put(kind, u);
            deleteTree(bench.work().resolve("cold-cache"));
        }
        results.cold(ours, unzip);
    }

    /** nativelib:package of a ~1 GB install prefix against maven-jar-plugin packaging the same files. */
    private void plugin() throws IOException {
        Path prefix = bench.work().resolve("gigabyte/prefix");
        for (int i = 1; i <= 5; i++) {
            bench.bigLibrary(prefix.resolve("lib"), "part" + i, 200L << 20, 10 + i);
        }
        Path project = bench.work().resolve("gigabyte/project");
        Workbench.write(project.resolve("nativelib.xml"), Projects.gigabyteNativelib(prefix));
        Workbench.write(project.resolve("jar.xml"), Projects.gigabyteJar(prefix));
        Samples ours = new Samples("nativelib:package");
        Samples jar = new Samples("maven-jar-plugin jar:jar");
        String version = System.getProperty("bench.version");
        for (int i = 0; i < Math.max(3, coldRuns / 2); i++) {
            ours.add(maven(project, "-f", "nativelib.xml", "dev.nativelib:nativelib-maven-plugin:" + version
                    + ":package"));
            jar.add(maven(project, "-f", "jar.xml", "org.apache.maven.plugins:maven-jar-plugin:3.4.2:jar"));
        }
        results.plugin(ours, jar);
    }

    private double maven(Path dir, String... args) throws IOException {
        List<String> c = new ArrayList<>(List.of(System.getProperty("bench.mvnw", "mvn"), "-B", "-q", "-ntp"));
        c.addAll(List.of(args));
        return ChildProcess.run(c, Map.of(), dir).wallMillis();
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                q.toFile().setWritable(true);
                Files.delete(q);
            }
        }
    }
}
