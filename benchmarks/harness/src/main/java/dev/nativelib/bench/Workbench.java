package dev.nativelib.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Prepares what the variants load: the same library bytes, laid out the way each loader expects them. */
final class Workbench {

    /** The chain's files in load order: A, B, C, then the JNI library. */
    static final List<String> CHAIN = List.of("libchaina.so.1.0.0", "libchainb.so.1.0.0", "libchainc.so.1.0.0",
            "libchainjni.so");

    private final Path work;
    private final String platform;

    Workbench(Path work, String platform) {
        this.work = work;
        this.platform = platform;
    }

    Path work() {
        return work;
    }

    /** The chain packages' classifier JARs, found on this JVM's class path. */
    List<Path> chainJars() {
        List<Path> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("chain-") && name.endsWith("-" + platform + ".jar")) {
                out.add(Path.of(entry));
            }
        }
        if (out.size() != 3) {
            throw new IllegalStateException("expected the JARs of chain-a, chain-b and chain-c on the class path, found "
                    + out);
        }
        return out;
    }

    /**
     * @return chain-c's {@code x86_64 :: level :: v2} variant JAR, which chain-c's build writes beside its baseline
     *         JAR; not on the harness's class path, so that the other sections load no variant
     */
    Path chainVariantJar() {
        Path c = chainJars().stream().filter(p -> p.getFileName().toString().startsWith("chain-c-")).findFirst()
                .orElseThrow();
        String name = c.getFileName().toString();
        Path v = c.resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-v2.jar");
        if (!Files.isRegularFile(v)) {
            throw new IllegalStateException("chain-c's variant JAR " + v + " is missing; build benchmarks/chain-c");
        }
        return v;
    }

    /** Copies every library out of the chain JARs into {@code dir}, as an application that unpacked them would. */
    List<Path> extractChain(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path jar : chainJars()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    String file = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                    if (CHAIN.contains(file)) {
                        try (InputStream in = zip.getInputStream(e)) {
                            Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
        List<Path> files = new ArrayList<>();
        for (String name : CHAIN) {
            Path f = dir.resolve(name);
            if (!Files.isRegularFile(f)) {
                throw new IllegalStateException(name + " is in none of " + chainJars());
            }
            files.add(f);
        }
        return files;
    }

    /** The same files as JavaCPP resources: {@code dev/nativelib/bench/<platform>/}, named as its preload asks. */
    Path javacppJar(List<Path> chain) throws IOException {
        Path jar = work.resolve("javacpp-chain.jar");
        String root = "dev/nativelib/bench/" + platform + "/";
        Map<String, Path> entries = Map.of(root + "libchaina.so.1", chain.get(0), root + "libchainb.so.1", chain.get(1),
                root + "libchainc.so.1", chain.get(2), root + "libchainjni.so", chain.get(3));
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(o)) {
            for (Map.Entry<String, Path> e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                Files.copy(e.getValue(), zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    /**
     * Builds a real shared library of about {@code size} bytes: a tiny one with gcc, grown by a non-loaded section
     * of text-like bytes (which deflate to roughly half, as code does).
     */
    Path bigLibrary(Path dir, String name, long size, long seed) throws IOException {
        Files.createDirectories(dir);
        Path src = dir.resolve(name + ".c");
        Files.writeString(src, "int " + name + "_value(void) { return 3; }\n");
        Path lib = dir.resolve("lib" + name + ".so");
        run(List.of("cc", "-shared", "-fPIC", "-O2", "-Wl,-soname,lib" + name + ".so", "-o", lib.toString(),
                src.toString()));
        Path payload = dir.resolve(name + ".payload");
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(payload)) {
            for (long written = 0; written < size; written += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) ('a' + random.nextInt(16));
                }
                out.write(chunk);
            }
        }
        run(List.of("objcopy", "--add-section", ".bench_payload=" + payload, "--set-section-flags",
                ".bench_payload=noload,readonly", lib.toString()));
        Files.delete(payload);
        Files.delete(src);
        return lib;
    }

    static void run(List<String> command) throws IOException {
        ChildProcess.run(command, Map.of(), Path.of("."));
    }

    /** Writes a file, creating its directory. */
    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
