package dev.nativelib.bench;

import dev.nativelib.loader.NativeLoader;

/** {@code NativeLoader.load(name)} from the class path. Argument: the library name. */
public final class NativelibLoad {

    private NativelibLoad() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        NativeLoader.load(args[0]);
        LoadTimer.report(start, "chainjni".equals(args[0]) ? Chain.value() : 3);
    }
}
