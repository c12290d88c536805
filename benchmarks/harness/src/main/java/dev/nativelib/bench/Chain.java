package dev.nativelib.bench;

/** The JNI method every loader under test must make callable: C's value through B and A, which is 3. */
public final class Chain {

    private Chain() {
    }

    /** @return {@code chainc_value()} */
    public static native int value();
}
