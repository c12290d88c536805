package dev.nativelib.loader;

import dev.nativelib.loader.diagnostics.Log;
import dev.nativelib.loader.settings.Settings;
import dev.nativelib.loader.diagnostics.LoadVerifier;
import dev.nativelib.loader.diagnostics.MappedFiles;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one step the planned and the full way share: open a package's library files, in order, with the symbol scope
 * the descriptor asks for, bound to the right class loader, and check afterwards that no other file already held one
 * of their SONAMEs.
 */
final class LibraryOpener {

    private static final String VERIFY_ERROR = "error";
    private static final String VERIFY_OFF = "off";

    private LibraryOpener() {
    }

    /** Loads a library file so that the JVM can bind native methods to it. */
    @FunctionalInterface
    interface Binder {
        void load(Path file);
    }

    /**
     * Opens one library: first with global scope if {@code global} (so later libraries resolve its symbols), then
     * for the JVM ({@link #load}). The full way calls the two halves itself, to word a failure of each its own way.
     *
     * @param os          the package's operating system, for the global-scope mechanism
     * @param file        the library file
     * @param global      whether the descriptor asks for global scope
     * @param classLoader the class loader the package was found through
     * @param binder      how to load it for the JVM, or {@code null} for {@link System#load}
     * @throws Throwable whatever opening or loading threw
     */
    static void open(String os, Path file, boolean global, ClassLoader classLoader, Binder binder) throws Throwable {
        if (global) {
            openGlobal(os, file, classLoader);
        }
        load(file, binder);
    }

    /**
     * Opens a library with global symbol scope ({@code RTLD_GLOBAL}), through the FFM API or JNA.
     *
     * @param os          the package's operating system
     * @param file        the library file
     * @param classLoader the class loader the package was found through (where JNA may be)
     * @return how global scope was obtained
     * @throws IllegalStateException if neither mechanism is available; the message says what to add
     * @throws Throwable             if opening fails
     */
    static String openGlobal(String os, Path file, ClassLoader classLoader) throws Throwable {
        return GlobalScope.open(os, file, classLoader);
    }

    /**
     * Loads a library for the JVM, so that it can bind native methods to it.
     *
     * @param file   the library file
     * @param binder how to load it, or {@code null} for {@link System#load} (bound to nativelib-loader's loader)
     */
    static void load(Path file, Binder binder) {
        if (binder == null) {
            System.load(file.toString());
        } else {
            binder.load(file);
        }
    }

    /**
     * @return the mode of the post-load check, {@code nativelib.verify}
     * @throws NativeLoaderException if the setting is none of its values
     */
    static String verifyMode() {
        try {
            return Settings.VERIFY.choice();
        } catch (IllegalArgumentException e) {
            throw new NativeLoaderException(e.getMessage(), e);
        }
    }

    /**
     * One look at {@code /proc/self/maps} per call rather than one per package: it is read and parsed whole.
     *
     * @param stems see {@link MappedFiles#read(List)}; {@code null} for every shared object
     * @return the files mapped now, or none when the check is off
     */
    static Set<Path> mappedNow(List<String> stems) {
        return VERIFY_OFF.equals(verifyMode()) ? Set.of() : MappedFiles.read(stems);
    }

    /** What was mapped before a package's libraries: the snapshot taken once per call, plus what it loaded so far. */
    static Set<Path> mappedBefore(Set<Path> atStart, List<Path> loadedSoFar) {
        if (atStart.isEmpty() || loadedSoFar.isEmpty()) {
            return atStart;
        }
        Set<Path> before = new LinkedHashSet<>(atStart);
        before.addAll(loadedSoFar);
        return before;
    }

    /** Warns (or, with {@code -Dnativelib.verify=error}, fails) when another file already held a loaded SONAME. */
    static void reportConflicts(String coordinates, List<String> sonames, List<Path> files, Set<Path> mappedBefore) {
        if (mappedBefore.isEmpty()) {
            return;
        }
        for (String c : LoadVerifier.conflicts(sonames, files, mappedBefore)) {
            if (VERIFY_ERROR.equals(verifyMode())) {
                throw new NativeLoaderException("Loaded " + coordinates + ", but " + c
                        + " (-Dnativelib.verify=error makes this an error)", null);
            }
            Log.warning(c);
        }
    }
}
