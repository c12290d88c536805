package dev.nativelib.plugin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.binary.BinaryInfo;
import dev.nativelib.loader.binary.BinaryReader;
import dev.nativelib.loader.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The base-system lists against real prebuilt libraries of every platform: libvips as the npm packages of sharp ship
 * it (built by its maintainers with the usual toolchains: MinGW/LLVM for Windows, Xcode for macOS, a manylinux-like
 * glibc container and Alpine for Linux). The binaries are 18 MB each, so what the readers report about them is
 * committed instead ({@code src/test/resources/real-binaries/<platform>.txt}, with the package, file and SHA-256s);
 * {@code -Dnativelib.realBinaries=DIR} or the environment variable {@code NATIVELIB_REAL_BINARIES} (a directory
 * filled by {@code fetch.sh} there) checks each extract against its binary.
 */
class RealBinariesTest {

    private static final Path DIR = Paths.get("src/test/resources/real-binaries");

    /** Reads an extract back into what the binary reader reported. */
    static BinaryInfo read(String platform) throws IOException {
        BinaryFormat format = null;
        String arch = null;
        String identity = null;
        String glibc = null;
        List<String> needed = new ArrayList<>();
        List<String> runPaths = new ArrayList<>();
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve(platform + ".txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ", 3);
            switch (f[0]) {
                case "format" -> format = BinaryFormat.valueOf(f[1]);
                case "architecture" -> arch = f[1];
                case "identity" -> identity = f[1];
                case "needed" -> needed.add(f[1]);
                case "runpath" -> runPaths.add(f[1]);
                case "version" -> versions.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[2]);
                case "glibc" -> glibc = f[1];
                default -> throw new IllegalStateException(platform + ".txt: unknown line " + line);
            }
        }
        return new BinaryInfo(format, arch, identity, needed, runPaths, versions, glibc, null);
    }

    /** Writes what the reader reports in the extract's form (the lines after its header). */
    static List<String> extract(BinaryInfo info) {
        List<String> lines = new ArrayList<>();
        lines.add("format " + info.format().name());
        lines.add("architecture " + info.architecture());
        if (info.identity() != null) {
            lines.add("identity " + info.identity());
        }
        info.needed().forEach(n -> lines.add("needed " + n));
        info.runPaths().forEach(r -> lines.add("runpath " + r));
        info.versionNeeds().forEach((file, names) -> names.forEach(v -> lines.add("version " + file + " " + v)));
        if (info.minimumGlibc() != null) {
            lines.add("glibc " + info.minimumGlibc());
        }
        return lines;
    }

    private static List<String> audit(String platform, String policy, String glibcFloor) throws IOException {
        Platform p = Platform.parse(platform);
        BinaryInfo info = read(platform);
        AuditedLibrary lib = new AuditedLibrary("lib/" + file(platform), List.of(info));
        return new Auditor(p, AuditPolicies.resolve(p, policy, glibcFloor), Map.of(), Map.of())
                .audit(List.of(lib), Set.of()).findings().stream().map(Finding::toString).toList();
    }

    private static String file(String platform) throws IOException {
        String path = Files.readAllLines(DIR.resolve(platform + ".txt")).stream().filter(l -> l.startsWith("# file: "))
                .findFirst().orElseThrow().substring("# file: ".length());
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Test
    void windowsDllWithEveryImportResolved() throws IOException {
        // The seen failure: "needs bcryptprimitives.dll, which neither this package, a declared native dependency,
        // nor the windows base system provides".
        assertEquals(List.of(), audit("windows-x86_64", null, null));
    }

    @Test
    void macOsDylibWithEveryLoadCommandResolved() throws IOException {
        assertEquals(List.of(), audit("osx-aarch_64", null, null));
    }

    @Test
    void glibcLibraryAgainstItsPolicyAndAnOlderFloor() throws IOException {
        assertEquals(List.of(), audit("linux-x86_64", null, null));
        assertEquals(List.of(), audit("linux-x86_64", "manylinux_2_28", null));
        assertEquals(List.of("[glibc-too-new] lib/libvips-cpp.so.8.18.8: requires GLIBC_2.28 (the newest symbol"
                + " version it uses), newer than the floor 2.17; it will not load on systems with an older glibc."
                + " Fix: build on a system (or in a container) whose glibc is 2.17 or older, or raise <glibcFloor>.",
                "[symbol-version-too-new] lib/libvips-cpp.so.8.18.8: needs GLIBCXX_3.4.22, CXXABI_1.3.11 from"
                + " libstdc++.so.6, but the libstdc++.so.6 of glibc 2.17 systems (as manylinux_2_17 defines them)"
                + " has only up to GLIBCXX_3.4.19, CXXABI_1.3.7; it will not load on such systems. Fix: build with a"
                + " compiler whose runtime is that old (e.g. in the manylinux_2_17 container of pypa/manylinux), link"
                + " the runtime statically (-static-libstdc++ -static-libgcc), or raise <glibcFloor>."),
                audit("linux-x86_64", null, "2.17"));
    }

    @Test
    void muslLibraryNeedsTheCxxRuntimeAlpineDoesNotInstall() throws IOException {
        // libc.musl-x86_64.so.1 is Alpine's name for musl's libc; libstdc++ and libgcc_s are optional packages there
        // (musllinux policies do not list them either), so a package must ship them.
        String fix = " Fix: ship %s in this package (install it into the prefix), or add the native package that"
                + " provides it as a Maven dependency with <classifier>linux-x86_64-musl</classifier>.";
        assertEquals(List.of("[unresolved-dependency] lib/libvips-cpp.so.8.18.8: needs libstdc++.so.6, which neither"
                + " this package, a declared native dependency, nor the linux base system provides."
                + String.format(fix, "libstdc++.so.6"),
                "[unresolved-dependency] lib/libvips-cpp.so.8.18.8: needs libgcc_s.so.1, which neither this package,"
                + " a declared native dependency, nor the linux base system provides."
                + String.format(fix, "libgcc_s.so.1")), audit("linux-x86_64-musl", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"windows-x86_64", "osx-aarch_64", "linux-x86_64", "linux-x86_64-musl"})
    void extractIsWhatTheReaderSeesInTheRealBinary(String platform) throws IOException, NoSuchAlgorithmException {
        String dir = System.getProperty("nativelib.realBinaries", System.getenv("NATIVELIB_REAL_BINARIES"));
        String why = "neither -Dnativelib.realBinaries nor NATIVELIB_REAL_BINARIES is set"
                + " (src/test/resources/real-binaries/fetch.sh downloads the binaries; .ci/run does)";
        if ("1".equals(System.getenv("NATIVELIB_CI"))) {
            assertNotNull(dir, why);
        }
        assumeTrue(dir != null, why);
        List<String> lines = Files.readAllLines(DIR.resolve(platform + ".txt"));
        Path binary = Paths.get(dir, platform, file(platform));
        String sha = lines.stream().filter(l -> l.startsWith("# file-sha256: ")).findFirst().orElseThrow()
                .substring("# file-sha256: ".length());
        assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(binary))));
        List<BinaryInfo> slices = BinaryReader.read(binary);
        BinaryInfo info = slices.stream().filter(s -> s.architecture().equals(Platform.parse(platform).arch()))
                .findFirst().orElseThrow();
        if (Boolean.getBoolean("nativelib.realBinaries.write")) {
            List<String> header = lines.stream().filter(l -> l.startsWith("#")).toList();
            List<String> out = new ArrayList<>(header);
            out.addAll(extract(info));
            Files.write(DIR.resolve(platform + ".txt"), out);
        }
        assertEquals(extract(info), lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
    }
}
