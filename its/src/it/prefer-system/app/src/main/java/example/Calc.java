package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import java.nio.file.Path;

public final class Calc {

    static final LoadedLibrary LIBRARY = NativeLoader.load("calcjni");

    private Calc() {
    }

    static native int calc();

    public static void main(String[] args) {
        Path calcFile = LIBRARY.loaded().get(0);
        System.out.println("[" + args[0] + "] calc=" + calc() + " libcalc from " + calcFile);
    }
}
