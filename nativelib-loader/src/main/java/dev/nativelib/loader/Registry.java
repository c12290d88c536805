package dev.nativelib.loader;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What this process has loaded: the one place the loader keeps state between calls. Every method is called with
 * {@link NativeLoader}'s lock held, which is why nothing here synchronises.
 */
final class Registry {

    /** Loaded packages' files, by {@code groupId:artifactId:platform}. */
    private final Map<String, List<Path>> loaded = new HashMap<>();
    /**
     * The cache root and package directory of each loaded package that came from the cache, by the same key, so that
     * a later load needing it can still write a complete load plan.
     */
    private final Map<String, Path[]> cached = new HashMap<>();
    /** Results of earlier calls, by the class loader searched (or bound to), then by the name asked for. */
    private final Map<ClassLoader, Map<String, LoadedLibrary>> results = new WeakHashMap<>();
    /** Packages bound to a caller's class loader through {@code load(Lookup, name)}, by loader, then package key. */
    private final Map<ClassLoader, Map<String, List<Path>>> bindings = new WeakHashMap<>();

    /** @return the files of the package with this key, or {@code null} if it is not loaded */
    List<Path> files(String packageKey) {
        return loaded.get(packageKey);
    }

    /** Records a package as loaded from {@code files}, if nothing was recorded for it before. */
    void loaded(String packageKey, List<Path> files) {
        loaded.putIfAbsent(packageKey, files);
    }

    /** Records where in the cache a package's files are: its cache root and package directory. */
    void cachedIn(String packageKey, Path root, Path dir) {
        cached.put(packageKey, new Path[] {root, dir});
    }

    /** @return the cache root and directory of a package loaded from the cache, or {@code null} */
    Path[] cacheLocation(String packageKey) {
        return cached.get(packageKey);
    }

    /** @return the files of a package bound to {@code loader}, or {@code null} */
    List<Path> bound(ClassLoader loader, String packageKey) {
        Map<String, List<Path>> bound = bindings.get(loader);
        return bound == null ? null : bound.get(packageKey);
    }

    /** Records a package's files as bound to {@code loader}. */
    void bind(ClassLoader loader, String packageKey, List<Path> files) {
        Map<String, List<Path>> bound = bindings.get(loader);
        if (bound == null) {
            bound = new HashMap<>();
            bindings.put(loader, bound);
        }
        bound.put(packageKey, files);
    }

    /** @return an earlier call's result for this owner and request, or {@code null} */
    LoadedLibrary result(ClassLoader owner, String request) {
        Map<String, LoadedLibrary> byName = results.get(owner);
        return byName == null ? null : byName.get(request);
    }

    /** Remembers a call's result, so that repeated calls (every static initializer) skip all work. */
    void result(ClassLoader owner, String request, LoadedLibrary result) {
        Map<String, LoadedLibrary> byName = results.get(owner);
        if (byName == null) {
            byName = new HashMap<>();
            results.put(owner, byName);
        }
        byName.put(request, result);
    }
}
