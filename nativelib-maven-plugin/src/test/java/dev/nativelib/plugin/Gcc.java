package dev.nativelib.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds real shared libraries with the machine's C compiler, for tests that read or package them. */
public final class Gcc {

    private Gcc() {
    }

    /**
     * Compiles {@code source} into a shared library.
     *
     * @param output    the library to write
     * @param source    C source text
     * @param linkFlags extra flags, e.g. {@code -Wl,-soname,libfoo.so.1} or another library's path
     * @return {@code output}
     */
    public static Path shared(Path output, String source, String... linkFlags) throws IOException {
        Files.createDirectories(output.getParent());
        Path c = Files.createTempFile(output.getParent(), "src", ".c");
        Files.writeString(c, source);
        List<String> cmd = new ArrayList<>(List.of("cc", "-shared", "-fPIC", "-o", output.toString(), c.toString()));
        cmd.addAll(List.of(linkFlags));
        run(cmd);
        Files.delete(c);
        return output;
    }

    private static void run(List<String> cmd) throws IOException {
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
    }
}
