package dev.nativelib.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.binary.Fixtures;
import dev.nativelib.loader.plan.LoadPlan;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load plans end to end, in child JVMs that load a real library with {@code NativeLoader.load(name)} from their class
 * path: a second start replays the first one's plan without the full path's classes, and anything that changed sends
 * it down the full path again.
 */
class PlannedLoadTest {

    /** Loaded only by the full path; its absence from a child's class loading shows the plan was replayed. */
    private static final String FULL_PATH = " dev.nativelib.loader.FullLoad ";

    @TempDir
    Path tmp;

    private record Run(String output, boolean fullPath, String loaded) {
    }

    private static byte[] library(int padding) throws IOException {
        byte[] lib = Files.readAllBytes(Fixtures.path("elf/libbase.so.1"));
        return Arrays.copyOf(lib, lib.length + padding);
    }

    private Path packageJar(int padding) throws IOException {
        return TestPackages.of("dev.example", "planned", "1.0", "linux-x86_64")
                .libraryBytes("lib/libbase.so.1", library(padding))
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
    }

    private Run run(Path jar, String... properties) throws Exception {
        return runNames(jar, List.of("base"), properties);
    }

    private Run runNames(Path jar, List<String> names, String... properties) throws Exception {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xlog:class+load=info",
                "-Dnativelib.cache.dir=" + tmp.resolve("cache"), "-Dnativelib.platform=linux-x86_64"));
        if (Runtime.version().feature() >= 22) {
            // Else the JDK formats its own restricted-method warning (java.util.Formatter) at the first System.load.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path") + File.pathSeparator + jar,
                LoadByName.class.getName()));
        command.addAll(names);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String loaded = out.lines().filter(l -> l.startsWith("loaded=")).findFirst().orElseThrow();
        return new Run(out, out.contains(FULL_PATH), loaded.substring(7, loaded.indexOf(" coordinates=")));
    }

    private List<Path> plans() throws IOException {
        Path dir = tmp.resolve("cache").resolve(LoadPlan.DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".plan")).toList();
        }
    }

    @Test
    void aSecondStartReplaysThePlanWithoutTheFullPath() throws Exception {
        Path jar = packageJar(0);
        Run first = run(jar);
        assertTrue(first.fullPath(), "nothing to replay yet");
        assertEquals(1, plans().size(), first.output());
        String plan = Files.readString(plans().get(0));
        assertTrue(plan.contains("\tdev.example:planned:1.0\t"), plan);
        assertTrue(plan.contains("\t" + jar + "\n"), "the package JAR is fingerprinted: " + plan);

        Run second = run(jar);
        assertFalse(second.fullPath(), second.output());
        assertFalse(second.output().contains(" dev.nativelib.loader.discovery.PackageFinder "), second.output());
        assertEquals(first.loaded(), second.loaded());
        assertArrayEquals(library(0), Files.readAllBytes(Paths.get(second.loaded())));
        String sinceLoader = second.output().substring(second.output().indexOf(" dev.nativelib.loader.NativeLoader "));
        for (String costly : List.of(" java.util.regex.Pattern ", " java.lang.invoke.LambdaMetafactory ",
                " java.lang.invoke.StringConcatFactory ", " java.security.MessageDigest ",
                " java.util.logging.LogManager ", " java.util.Formatter ", " java.nio.channels.FileChannel ",
                " com.sun.jna.")) {
            assertFalse(sinceLoader.contains(costly), "a planned start initialised" + costly + ":\n" + sinceLoader);
        }
    }

    @Test
    void aRebuiltJarIsNotReplayedButPlannedAnew() throws Exception {
        Path jar = packageJar(0);
        Run first = run(jar);
        // Same coordinates, other content: a SNAPSHOT rebuilt, a JAR replaced in place.
        Thread.sleep(5);
        packageJar(4096);
        Run rebuilt = run(jar);
        assertTrue(rebuilt.fullPath(), rebuilt.output());
        assertFalse(first.loaded().equals(rebuilt.loaded()), "the new content has its own cache directory");
        assertArrayEquals(library(4096), Files.readAllBytes(Paths.get(rebuilt.loaded())));
        Run again = run(jar);
        assertFalse(again.fullPath(), again.output());
        assertEquals(rebuilt.loaded(), again.loaded());
        assertEquals(1, plans().size(), "the plan for this key was replaced");
    }

    @Test
    void aLibraryChangedInTheCacheIsNotLoadedAsPlanned() throws Exception {
        Path jar = packageJar(0);
        Run first = run(jar);
        Path cached = Paths.get(first.loaded());
        byte[] tampered = library(0);
        tampered[tampered.length - 1] ^= 0x5a;
        Files.write(cached, tampered);
        Run next = run(jar);
        assertTrue(next.fullPath(), "the verified stamp no longer vouches for the file: " + next.output());
        assertEquals(first.loaded(), next.loaded());
        assertArrayEquals(library(0), Files.readAllBytes(cached), "the full path replaced the damaged copy");
        assertFalse(run(jar).fullPath(), "and the start after it is planned again");
    }

    @Test
    void otherSettingsMakeTheirOwnPlanAndPlansCanBeSwitchedOff() throws Exception {
        Path jar = packageJar(0);
        run(jar);
        Run verifyError = run(jar, "-Dnativelib.verify=error");
        assertTrue(verifyError.fullPath(), "a setting of nativelib changes the key");
        assertEquals(2, plans().size());
        assertFalse(run(jar, "-Dnativelib.verify=error").fullPath());
        assertFalse(run(jar, "-Dnativelib.log=debug").fullPath(), "the log level is no part of the key");

        Files.walk(tmp.resolve("cache").resolve(LoadPlan.DIRECTORY)).sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        Run off = run(jar, "-Dnativelib.plan=off");
        assertTrue(off.fullPath());
        assertEquals(List.of(), plans(), "-Dnativelib.plan=off writes no plan");
    }

    @Test
    void librariesChosenBySettingsAreNeverPlanned() throws Exception {
        // preferSystem looks for system copies, which may appear or go between starts: every start looks again.
        Path jar = packageJar(0);
        assertTrue(run(jar, "-Dnativelib.planned.preferSystem=true").fullPath());
        assertEquals(List.of(), plans());
        assertTrue(run(jar, "-Dnativelib.planned.preferSystem=true").fullPath());
    }

    @Test
    void aLoadOfWhatAnEarlierCallLoadedStillWritesItsPlan() throws Exception {
        // The package's artifactId after its library's name: the second call finds the package loaded already.
        Path jar = packageJar(0);
        runNames(jar, List.of("base", "planned"));
        assertEquals(2, plans().size(), "one plan per name");
        Run second = runNames(jar, List.of("planned"));
        assertFalse(second.fullPath(), second.output());
    }

    @Test
    void aPlanInAnotherCandidateRootIsNeverRead() throws Exception {
        // The default chain: ~/.cache/nativelib (fine), then <java.io.tmpdir>/nativelib-<user>, which another user
        // pre-created with a 3 GB sparse file under the plan's name. Only the root that passed the checks is read.
        Path jar = packageJar(0);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path javaTmp = Files.createDirectories(tmp.resolve("javatmp"));
        Run first = runDefaultChain(jar, home, javaTmp);
        Path ownPlans = home.resolve(".cache/nativelib").resolve(LoadPlan.DIRECTORY);
        List<Path> written;
        try (Stream<Path> s = Files.list(ownPlans)) {
            written = s.filter(p -> p.getFileName().toString().endsWith(".plan")).toList();
        }
        assertEquals(1, written.size(), first.output());
        String user = System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_");
        Path theirRoot = javaTmp.resolve("nativelib-" + user);
        Path planted = Files.createDirectories(theirRoot.resolve(LoadPlan.DIRECTORY))
                .resolve(written.get(0).getFileName());
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(planted.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        try {
            Files.setAttribute(planted, "unix:uid", 65534);
            Files.setAttribute(planted.getParent(), "unix:uid", 65534);
            Files.setAttribute(theirRoot, "unix:uid", 65534);
        } catch (IOException e) {
            System.out.println("not chowning the planted plan to nobody (needs root): " + e);
        }
        Files.delete(written.get(0));
        Run second = runDefaultChain(jar, home, javaTmp);
        assertTrue(second.fullPath(), second.output());
        assertEquals(first.loaded(), second.loaded());
        assertFalse(runDefaultChain(jar, home, javaTmp).fullPath(), "the own root's new plan is replayed");
    }

    @Test
    void jvmsStartingAtOnceOnAColdCacheWaitForTheFirstOnesPlan() throws Exception {
        // Four starts of one application at once: one takes the full way and writes the plan, the others wait for
        // it and replay it instead of each discovering, ordering and checking everything again.
        Path jar = packageJar(0);
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<String> command = new ArrayList<>(List.of(javaBin, "-Xlog:class+load=info",
                    "-Dnativelib.cache.dir=" + tmp.resolve("cache"), "-Dnativelib.platform=linux-x86_64"));
            if (Runtime.version().feature() >= 22) {
                command.add("--enable-native-access=ALL-UNNAMED");
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path") + File.pathSeparator + jar,
                    LoadByName.class.getName(), "base"));
            // Into files, not pipes: a child blocked on a full pipe while it holds the lock would stall the others.
            children.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child-" + i + ".log").toFile()).start());
        }
        int fullPaths = 0;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < children.size(); i++) {
            Process p = children.get(i);
            int status = p.waitFor();
            String out = Files.readString(tmp.resolve("child-" + i + ".log"));
            assertEquals(0, status, out);
            fullPaths += out.contains(FULL_PATH) ? 1 : 0;
            all.append(out.lines().filter(l -> l.startsWith("loaded=")).findFirst().orElseThrow()).append('\n');
        }
        assertEquals(1, fullPaths, "exactly one start takes the full way:\n" + all);
        assertEquals(1, plans().size());
    }

    /** A child on the default cache chain (no cache setting), with a small heap, as a victim's JVM would be. */
    private Run runDefaultChain(Path jar, Path home, Path javaTmp) throws Exception {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx96m", "-Xlog:class+load=info",
                "-Duser.home=" + home, "-Djava.io.tmpdir=" + javaTmp, "-Dnativelib.platform=linux-x86_64"));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path") + File.pathSeparator + jar,
                LoadByName.class.getName(), "base"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        for (String variable : List.of("NATIVELIB_CACHE_DIR", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR")) {
            pb.environment().remove(variable);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String loaded = out.lines().filter(l -> l.startsWith("loaded=")).findFirst().orElseThrow();
        return new Run(out, out.contains(FULL_PATH), loaded.substring(7, loaded.indexOf(" coordinates=")));
    }
}
