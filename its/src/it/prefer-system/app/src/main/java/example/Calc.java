package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import dev.nativelib.loader.NativeLoaderException;
import java.nio.file.Path;

public final class Calc {

    private Calc() {
    }

    static native int calc();

    /** Loads on first use, so that main can report a failed load. */
    private static final class Library {
        static final LoadedLibrary LOADED;

        static {
            // Something else got there first: a library with libcalc.so.1's SONAME, loaded by path.
            String preload = System.getProperty("preload");
            if (preload != null) {
                System.load(preload);
            }
            LOADED = NativeLoader.load("calcjni", Calc.class.getClassLoader());
        }
    }

    public static void main(String[] args) {
        LoadedLibrary library;
        try {
            library = Library.LOADED;
        } catch (NativeLoaderException e) {
            System.out.println("[" + args[0] + "] failed: " + e.getMessage());
            return;
        }
        Path calcFile = library.loaded().get(0);
        System.out.println("[" + args[0] + "] calc=" + calc() + " libcalc from " + calcFile);
    }
}
