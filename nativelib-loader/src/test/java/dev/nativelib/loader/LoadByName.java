package dev.nativelib.loader;

/**
 * Run in a child JVM by {@link PlannedLoadTest}: {@code NativeLoader.load(name)} from the class path, as an
 * application's static initializer does, then prints what was loaded. Argument: the name.
 */
public final class LoadByName {

    private LoadByName() {
    }

    public static void main(String[] args) {
        LoadedLibrary l = NativeLoader.load(args[0]);
        System.out.println("loaded=" + l.path() + " coordinates=" + l.coordinates());
    }
}
