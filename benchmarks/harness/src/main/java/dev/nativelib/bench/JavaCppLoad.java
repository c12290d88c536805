package dev.nativelib.bench;

import org.bytedeco.javacpp.Loader;

/** JavaCPP's {@code Loader.load} of {@link JavaCppChain}: extracts to its cache, preloads, loads the JNI library. */
public final class JavaCppLoad {

    private JavaCppLoad() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        Loader.load(JavaCppChain.class);
        LoadTimer.report(start, JavaCppChain.value());
    }
}
