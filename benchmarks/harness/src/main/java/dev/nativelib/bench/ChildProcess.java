package dev.nativelib.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a command to completion and measures it from start to exit, as a user waiting for it would. */
final class ChildProcess {

    /** What one run gave. */
    record Result(double wallMillis, double loadMillis, String output) {
    }

    private ChildProcess() {
    }

    /**
     * @param command the command
     * @param env     extra environment variables
     * @param dir     working directory
     * @return its wall time and, when it printed {@code load_ns=}, the in-process time of the load call
     * @throws IOException if it fails; the message holds its output
     */
    static Result run(List<String> command, Map<String, String> env, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("LD_LIBRARY_PATH");
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        double wall = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit + ":\n" + out);
        }
        double load = Double.NaN;
        int i = out.lastIndexOf("load_ns=");
        if (i >= 0) {
            int end = i + 8;
            while (end < out.length() && Character.isDigit(out.charAt(end))) {
                end++;
            }
            load = Long.parseLong(out.substring(i + 8, end)) / 1e6;
        }
        return new Result(wall, load, out);
    }

    /** Starts all commands at once and measures until the last one exits. */
    static double runConcurrently(List<List<String>> commands, Path dir) throws IOException {
        List<Process> started = new ArrayList<>();
        long start = System.nanoTime();
        for (List<String> c : commands) {
            ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true).directory(dir.toFile());
            pb.environment().remove("LD_LIBRARY_PATH");
            started.add(pb.start());
        }
        List<String> failures = new ArrayList<>();
        for (Process p : started) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (p.waitFor() != 0) {
                    failures.add(out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        double wall = (System.nanoTime() - start) / 1e6;
        if (!failures.isEmpty()) {
            throw new IOException(failures.size() + " of " + commands.size() + " processes failed; first:\n"
                    + failures.get(0));
        }
        return wall;
    }
}
