package example;

import dev.nativelib.loader.NativeLoader;
import java.lang.invoke.MethodHandles;

public final class Hello {

    static {
        // Binds libhellojni to the class loader that defined this class, wherever nativelib-loader lives.
        NativeLoader.load(MethodHandles.lookup(), "hellojni");
    }

    private Hello() {
    }

    public static native int value();
}
