package dev.nativelib.bench;

import org.bytedeco.javacpp.annotation.Platform;

/**
 * The same libraries as JavaCPP packages them: resources {@code dev/nativelib/bench/<platform>/lib*.so*} (the runner
 * writes them into a JAR from the very files nativelib ships), dependencies preloaded, the JNI library last.
 */
@Platform(preload = {"chaina@.1", "chainb@.1", "chainc@.1"}, library = "chainjni")
public final class JavaCppChain {

    private JavaCppChain() {
    }

    /** @return {@code chainc_value()} */
    public static native int value();
}
