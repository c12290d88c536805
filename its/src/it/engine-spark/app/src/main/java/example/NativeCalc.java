package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import java.lang.invoke.MethodHandles;

/** The JNI class. Each task calls {@link #load} itself, so that four threads ask nativelib at once. */
public final class NativeCalc {

    private NativeCalc() {
    }

    /** Binds libcalcjni to the class loader that defined this class (Spark's, not the application class loader). */
    static LoadedLibrary load() {
        return NativeLoader.load(MethodHandles.lookup(), "calcjni");
    }

    public static native int compute(int x);
}
