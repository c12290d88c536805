package dev.nativelib.loader;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a library with global symbol scope ({@code RTLD_GLOBAL}), so that libraries loaded later resolve symbols from
 * it even though they do not list it as needed. {@code System.load} cannot: it opens with local scope. The JDK's FFM
 * API (JDK 22+) calls {@code dlopen} directly; on older JDKs JNA does, when it is on the class path. Both are reached
 * by reflection, so neither is touched (and JNA's class initialisation is not paid) unless a global library is
 * actually loaded.
 */
final class GlobalScope {

    private static final int RTLD_NOW = 2;
    private static final int RTLD_GLOBAL_LINUX = 0x100;
    private static final int RTLD_GLOBAL_DARWIN = 0x8;
    /** Keeps JNA's library objects reachable, so they are never disposed (and unloaded) while the JVM runs. */
    private static final List<Object> KEEP = new ArrayList<>();

    private GlobalScope() {
    }

    /**
     * @param os          normalised OS name
     * @param file        the library
     * @param classLoader where to look for JNA
     * @return how it was opened ({@code FFM}, {@code JNA}, or {@code none needed} on Windows, which has no symbol
     *         scopes)
     * @throws IllegalStateException if neither FFM nor JNA is available; the message says what to add
     * @throws Throwable             if opening fails
     */
    public static String open(String os, Path file, ClassLoader classLoader) throws Throwable {
        if (os.equals("windows")) {
            return "none needed";
        }
        int flags = RTLD_NOW | (os.equals("osx") ? RTLD_GLOBAL_DARWIN : RTLD_GLOBAL_LINUX);
        if (Runtime.version().feature() >= 22) {
            openWithFfm(file, flags);
            return "FFM";
        }
        Class<?> nativeLibrary = jna(classLoader);
        if (nativeLibrary == null) {
            throw new IllegalStateException(file.getFileName() + " must be opened with global symbol scope"
                    + " (RTLD_GLOBAL), which this JDK (" + Runtime.version().feature() + ") can only do through JNA:"
                    + " add net.java.dev.jna:jna to the class path, or run on JDK 22 or newer");
        }
        Object key = Class.forName("com.sun.jna.Library", true, nativeLibrary.getClassLoader())
                .getField("OPTION_OPEN_FLAGS").get(null);
        Object library = nativeLibrary.getMethod("getInstance", String.class, Map.class)
                .invoke(null, file.toString(), Map.of(key, flags));
        synchronized (KEEP) {
            KEEP.add(library);
        }
        return "JNA";
    }

    private static Class<?> jna(ClassLoader classLoader) {
        for (ClassLoader cl : new ClassLoader[] {classLoader, GlobalScope.class.getClassLoader()}) {
            try {
                return Class.forName("com.sun.jna.NativeLibrary", true, cl);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }

    /** {@code dlopen(path, flags)} through java.lang.foreign, by reflection so this class compiles on JDK 17. */
    private static void openWithFfm(Path file, int flags) throws Throwable {
        Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
        Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
        Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> valueLayoutClass = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
        Class<?> arenaClass = Class.forName("java.lang.foreign.Arena");
        Class<?> allocatorClass = Class.forName("java.lang.foreign.SegmentAllocator");

        Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
        Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
        Method find = lookupClass.getMethod("find", String.class);
        Object dlopen = ((Optional<?>) find.invoke(lookup, "dlopen")).orElseThrow(() ->
                new IllegalStateException("the C library exports no dlopen"));
        Object address = valueLayoutClass.getField("ADDRESS").get(null);
        Object javaInt = valueLayoutClass.getField("JAVA_INT").get(null);
        Object layouts = Array.newInstance(layoutClass, 2);
        Array.set(layouts, 0, address);
        Array.set(layouts, 1, javaInt);
        Object descriptor = descriptorClass.getMethod("of", layoutClass, layouts.getClass())
                .invoke(null, address, layouts);
        Object noOptions = Array.newInstance(optionClass, 0);
        MethodHandle handle = (MethodHandle) linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass,
                noOptions.getClass()).invoke(linker, dlopen, descriptor, noOptions);
        try (AutoCloseable arena = (AutoCloseable) arenaClass.getMethod("ofConfined").invoke(null)) {
            Object path = allocatorClass.getMethod("allocateFrom", String.class).invoke(arena, file.toString());
            Object result = handle.invokeWithArguments(path, flags);
            long pointer = (long) segmentClass.getMethod("address").invoke(result);
            if (pointer == 0) {
                // System.load, which runs next, reports the dynamic loader's own message.
                return;
            }
        }
    }
}
