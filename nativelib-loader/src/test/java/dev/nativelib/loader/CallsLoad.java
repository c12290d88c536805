package dev.nativelib.loader;

/** Calls {@code NativeLoader.load(name)} from whatever class loader defines it; for {@link NativeLoaderTest}. */
public final class CallsLoad {

    private CallsLoad() {
    }

    public static String load(String name) {
        return NativeLoader.load(name).path().toString();
    }
}
