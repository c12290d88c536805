package dev.nativelib.bench;

/** Baseline: {@code System.load} of already-extracted files, in dependency order. Arguments: the files. */
public final class RawLoad {

    private RawLoad() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        for (String file : args) {
            System.load(file);
        }
        if (args[args.length - 1].contains("chainjni")) {
            LoadTimer.report(start, Chain.value());
        } else {
            LoadTimer.report(start, 3);
        }
    }
}
