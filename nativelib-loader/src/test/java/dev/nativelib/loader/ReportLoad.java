package dev.nativelib.loader;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;

/**
 * Run in a child JVM by {@link BadPackagesTest}: loads a name and prints what happened, including any {@link Error},
 * as one line {@code loaded=<path>} or {@code threw <class>: <message>}. Arguments: the name, then optionally a JAR
 * to search through a {@link URLClassLoader}; without it, the name is loaded from the class path.
 */
public final class ReportLoad {

    private ReportLoad() {
    }

    public static void main(String[] args) throws Exception {
        try {
            LoadedLibrary l;
            if (args.length > 1) {
                try (URLClassLoader cl = new URLClassLoader(new URL[] {Paths.get(args[1]).toUri().toURL()}, null)) {
                    l = NativeLoader.load(args[0], cl);
                }
            } else {
                l = NativeLoader.load(args[0]);
            }
            System.out.println("loaded=" + l.path());
        } catch (Throwable e) {
            System.out.println("threw " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
