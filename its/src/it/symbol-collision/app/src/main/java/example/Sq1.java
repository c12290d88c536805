package example;

import dev.nativelib.loader.NativeLoader;

final class Sq1 {

    static {
        NativeLoader.load("sq1jni");
    }

    private Sq1() {
    }

    static native int square(int x);
}
