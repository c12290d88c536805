package dev.nativelib.plugin.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Runs a command, streaming its merged output line by line to a consumer as it is produced. */
public final class ProcessRunner {

    private ProcessRunner() {
    }

    /**
     * @param command   the command and its arguments
     * @param directory the working directory
     * @param output    receives each line of standard output and standard error
     * @return the exit code
     * @throws IOException if the command cannot be started (e.g. it is not installed)
     */
    public static int run(List<String> command, File directory, Consumer<String> output) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.accept(line);
            }
        }
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        }
    }
}
