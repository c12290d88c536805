package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;

// START SNIPPET: greeter-class
public final class Greeter {

    static final LoadedLibrary LIBRARY = NativeLoader.load("greetingjni");

    private Greeter() {
    }

    public static native String greet(String who);
}
// END SNIPPET: greeter-class
