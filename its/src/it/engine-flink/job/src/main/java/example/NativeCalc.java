package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import java.lang.invoke.MethodHandles;

/** The JNI class, loaded through nativelib: bound to the class loader that defined this class (the job's). */
public final class NativeCalc {

    static final LoadedLibrary LOADED = NativeLoader.load(MethodHandles.lookup(), "calcjni");

    private NativeCalc() {
    }

    public static native int compute(int x);
}
