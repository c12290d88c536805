package dev.nativelib.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Builds real shared libraries with the machine's C compiler, for tests that read or package them. */
public final class Gcc {

    /** The machine's C compiler (glibc on the build machines). */
    public static final String CC = "cc";
    /** musl's wrapper around the machine's compiler (Debian/Ubuntu package musl-tools). */
    public static final String MUSL_GCC = "musl-gcc";

    private Gcc() {
    }

    /**
     * Compiles {@code source} into a shared library with {@value #CC}.
     *
     * @param output    the library to write
     * @param source    C source text
     * @param linkFlags extra flags, e.g. {@code -Wl,-soname,libfoo.so.1} or another library's path
     * @return {@code output}
     */
    public static Path shared(Path output, String source, String... linkFlags) throws IOException {
        return shared(CC, output, source, linkFlags);
    }

    /**
     * Compiles {@code source} into a shared library ({@code -shared -fPIC}) with the given compiler driver.
     *
     * @param compiler  the compiler driver, e.g. {@value #CC} or {@value #MUSL_GCC}
     * @param output    the library to write
     * @param source    C source text
     * @param linkFlags extra flags
     * @return {@code output}
     */
    public static Path shared(String compiler, Path output, String source, String... linkFlags) throws IOException {
        return compile(compiler, output, source, List.of("-shared", "-fPIC"), linkFlags);
    }

    /**
     * Compiles {@code source} into an executable with the given compiler driver.
     *
     * @param compiler the compiler driver
     * @param output   the executable to write
     * @param source   C source text with a {@code main}
     * @return {@code output}
     */
    public static Path executable(String compiler, Path output, String source) throws IOException {
        return compile(compiler, output, source, List.of());
    }

    /**
     * @param compiler a command name
     * @return whether it is an executable file in a directory of {@code PATH}
     */
    public static boolean available(String compiler) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, compiler))) {
                return true;
            }
        }
        return false;
    }

    private static Path compile(String compiler, Path output, String source, List<String> kind, String... flags)
            throws IOException {
        Files.createDirectories(output.getParent());
        Path c = Files.createTempFile(output.getParent(), "src", ".c");
        Files.writeString(c, source);
        List<String> cmd = new ArrayList<>(List.of(compiler));
        cmd.addAll(kind);
        cmd.addAll(List.of("-o", output.toString(), c.toString()));
        cmd.addAll(List.of(flags));
        run(cmd);
        Files.delete(c);
        return output;
    }

    /**
     * Runs a command and returns what it printed.
     *
     * @param cmd the command and its arguments
     * @return its standard output and error
     * @throws IOException if it cannot be started or exits with non-zero status
     */
    public static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
