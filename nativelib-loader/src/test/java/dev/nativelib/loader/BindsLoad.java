package dev.nativelib.loader;

import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls {@code NativeLoader.load(MethodHandles.lookup(), name)} from whatever class loader defines it, as a JNI class
 * of a Flink or Spark job does; for {@link OwnLoaderCopiesTest}.
 */
public final class BindsLoad {

    private BindsLoad() {
    }

    /** @return the file bound for {@code name}, then every file the call loaded, one a line */
    public static String load(String name) {
        return lines(NativeLoader.load(MethodHandles.lookup(), name));
    }

    /** The same through {@code NativeLoader.load(name)}, which binds to nativelib-loader's own class loader. */
    public static String loadPlain(String name) {
        return lines(NativeLoader.load(name));
    }

    private static String lines(LoadedLibrary loaded) {
        List<String> lines = new ArrayList<>();
        lines.add(loaded.path().toString());
        for (Path p : loaded.loaded()) {
            lines.add(p.toString());
        }
        return String.join("\n", lines);
    }
}
