package dev.nativelib.loader;

/**
 * Run in a child JVM by {@link PlannedLoadTest}: {@code NativeLoader.load(name)} from the class path, as an
 * application's static initializer does, then prints what was loaded. Arguments: the names, loaded in turn.
 */
public final class LoadByName {

    private LoadByName() {
    }

    public static void main(String[] args) {
        for (String name : args) {
            LoadedLibrary l = NativeLoader.load(name);
            System.out.println("loaded=" + l.path() + " coordinates=" + l.coordinates());
        }
    }
}
