package dev.nativelib.loader;

import dev.nativelib.loader.cache.CacheDirectory;
import dev.nativelib.loader.cache.VerifiedStamp;
import dev.nativelib.loader.log.Log;
import dev.nativelib.loader.plan.LoadPlan;
import dev.nativelib.loader.scope.GlobalScope;
import dev.nativelib.loader.verify.LoadVerifier;
import dev.nativelib.loader.verify.MappedFiles;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Loads native libraries shipped in nativelib packages (classifier JARs built by nativelib-maven-plugin).
 *
 * <p>Call it from the static initializer of the class that declares the native methods:
 *
 * <pre>{@code
 * class Greeter {
 *     static { NativeLoader.load("greetjni"); }
 *     static native String greet(String who);
 * }
 * }</pre>
 *
 * <p>{@code load} finds the package for the running platform on the class path, and the native packages it needs
 * (those its descriptor requires, and those providing the SONAMEs its libraries need), extracts each into a private
 * per-user cache (verifying every file's SHA-256), and loads their libraries with {@link System#load}, dependencies
 * first. Because each library is loaded by absolute path before the libraries that need it, the dynamic loader
 * matches their needed names against what is already loaded: no search path is involved. Each package is loaded once
 * per process. It is idempotent and thread-safe: the first call does the work, later calls return the same result.
 *
 * <p>A load from the application class path writes down what it found as a {@link LoadPlan} in the cache; a later
 * JVM with the same class path and settings checks that plan (class-path fingerprints, cache ownership, every
 * library's verified stamp) and loads the recorded files without searching again. {@code -Dnativelib.plan=off}
 * turns this off.
 */
public final class NativeLoader {

    private static final Object LOCK = new Object();
    /** The class of the JDK's own application class loader. */
    private static final String APP_LOADER = "jdk.internal.loader.ClassLoaders$AppClassLoader";
    /** Loaded packages by {@code groupId:artifactId:platform}. */
    static final Map<String, List<Path>> LOADED = new HashMap<>();
    /**
     * The cache root and package directory of each loaded package that came from the cache, by the same key, so that
     * a later load needing it can still write a complete {@link LoadPlan}.
     */
    static final Map<String, Path[]> CACHED = new HashMap<>();
    /** Results of earlier calls, by the class loader searched (or bound to) and the name asked for. */
    private static final Map<ClassLoader, Map<String, LoadedLibrary>> RESULTS = new WeakHashMap<>();
    /** Packages bound to a caller's class loader through {@link #load(MethodHandles.Lookup, String)}. */
    static final Map<ClassLoader, Map<String, List<Path>>> BINDINGS = new WeakHashMap<>();

    /** System property: {@code warn} (default), {@code error} or {@code off}, for the post-load SONAME check. */
    public static final String VERIFY_PROPERTY = "nativelib.verify";
    private static final String VERIFY_ERROR = "error";
    private static final String VERIFY_OFF = "off";

    private NativeLoader() {
    }

    /**
     * Loads the library (or package) called {@code name} for the running platform, searching the class loader of
     * the calling class. The JNI library is bound to nativelib-loader's own class loader, which serves when the
     * calling class is in the same class loader (an ordinary class path); when nativelib-loader sits in a parent
     * class loader, use {@link #load(MethodHandles.Lookup, String)}.
     *
     * @param name a library's logical name ({@code greet} for {@code libgreet.so.1}) or a package's artifactId
     * @return which file was loaded from where
     * @throws NativeLoaderException if no package provides {@code name} on this platform, or loading fails
     */
    public static LoadedLibrary load(String name) {
        ClassLoader callers = calledFromApplicationClassLoader() ? ClassLoader.getSystemClassLoader()
                : StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass().getClassLoader();
        return load(name, callers);
    }

    /**
     * Whether the class that called {@link #load(String)} is in the JDK's own application class loader. The first use
     * of {@code StackWalker} costs a fresh JVM about 1 ms on JDK 17 and 10 ms on JDK 25 (it initialises
     * {@code java.lang.invoke} there), a stack trace about 0.2 ms; but a trace element only names the class loader.
     * That settles this, the common case: the application class loader is named {@code app} and, being built in, is
     * the one loader whose name a trace element's {@code toString()} leaves out (a loader of another class that calls
     * itself "app" shows as {@code app/...}). Every other case asks {@code StackWalker}.
     */
    private static boolean calledFromApplicationClassLoader() {
        StackTraceElement[] trace = new Throwable().getStackTrace();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        return trace.length > 2 && trace[0].getClassName().equals(NativeLoader.class.getName())
                && trace[1].getClassName().equals(NativeLoader.class.getName())
                && "app".equals(trace[2].getClassLoaderName()) && !trace[2].toString().startsWith("app/")
                && "app".equals(system.getName()) && system.getClass().getName().equals(APP_LOADER);
    }

    /**
     * Loads the library (or package) called {@code name} and binds the requested package's libraries to the class
     * loader of {@code caller}'s class, so that the JVM finds the native methods of classes in that loader, wherever
     * nativelib-loader itself was loaded from (a parent class loader of an application server, a plugin host, a
     * child-first Spark/Flink loader). Call it as {@code NativeLoader.load(MethodHandles.lookup(), "mylib")}.
     *
     * <p>Libraries of required packages are loaded once per process. When another class loader has already bound the
     * requested package (two sibling class loaders with the same JNI classes), this one gets its own private copy of
     * the JNI library to bind, because the JVM lets one file be bound to one class loader only.
     *
     * @param caller a lookup with full access to the class that declares the native methods
     * @param name   a library's logical name or a package's artifactId
     * @return which file was loaded from where
     * @throws NativeLoaderException if no package provides {@code name} on this platform, or loading fails
     */
    public static LoadedLibrary load(MethodHandles.Lookup caller, String name) {
        Objects.requireNonNull(caller, "caller");
        MethodHandle systemLoad;
        try {
            // System.load is caller-sensitive: through the caller's lookup it binds to the caller's class loader.
            systemLoad = caller.findStatic(System.class, "load", MethodType.methodType(void.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new NativeLoaderException("The lookup of " + caller.lookupClass() + " cannot call System.load;"
                    + " pass MethodHandles.lookup() from the class that declares the native methods", e);
        }
        return load(name, caller.lookupClass().getClassLoader(), caller.lookupClass().getClassLoader(),
                FullLoad.binder(systemLoad));
    }

    /**
     * Loads the library (or package) called {@code name} for the running platform from the packages visible to
     * {@code classLoader}.
     *
     * @param name        a library's logical name or a package's artifactId
     * @param classLoader where to look for packages; {@code null} for the system class loader
     * @return which file was loaded from where
     * @throws NativeLoaderException if no package provides {@code name} on this platform, or loading fails
     */
    public static LoadedLibrary load(String name, ClassLoader classLoader) {
        return load(name, classLoader, null, null);
    }

    private static LoadedLibrary load(String name, ClassLoader classLoader, ClassLoader bindTo,
                                      FullLoad.Binder binder) {
        Objects.requireNonNull(name, "name");
        synchronized (LOCK) {
            // Repeated calls (every static initializer that needs the library) skip discovery entirely.
            String resultKey = (binder != null ? "bound:" : "plain:") + name;
            ClassLoader resultOwner = binder != null ? bindTo : classLoader;
            Map<String, LoadedLibrary> results = RESULTS.get(resultOwner);
            if (results == null) {
                results = new HashMap<>();
                RESULTS.put(resultOwner, results);
            }
            LoadedLibrary result = results.get(resultKey);
            if (result != null) {
                return result;
            }
            String planKey;
            try {
                planKey = binder == null && applicationClassLoader(classLoader) ? LoadPlan.key(name) : null;
            } catch (IllegalArgumentException e) {
                throw new NativeLoaderException("Cannot load '" + name + "': " + e.getMessage(), e);
            }
            Throwable planFailure = null;
            if (planKey != null) {
                try {
                    result = loadPlanned(name, planKey);
                } catch (Throwable e) {
                    // A plan is a shortcut only: whatever goes wrong replaying it, the full path decides.
                    planFailure = e;
                    if (Log.debugging()) {
                        Log.debug("replaying the load plan for '" + name + "' failed (" + e + "); taking the full"
                                + " path");
                    }
                }
            }
            if (result == null) {
                try {
                    result = FullLoad.load(name, classLoader, bindTo, binder, planKey);
                } catch (RuntimeException | Error e) {
                    if (planFailure != null) {
                        e.addSuppressed(planFailure);
                    }
                    throw e;
                }
            }
            results.put(resultKey, result);
            return result;
        }
    }

    /**
     * Whether {@code classLoader} is the JDK's own application class loader, which reads exactly
     * {@code java.class.path} (and the manifests' {@code Class-Path}), so that a plan's fingerprints cover all it sees.
     */
    private static boolean applicationClassLoader(ClassLoader classLoader) {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        return (classLoader == null || classLoader == system) && system.getClass().getName().equals(APP_LOADER);
    }

    /**
     * Replays a {@link LoadPlan}: when one exists for this key, the class path still matches its fingerprints, and
     * every package directory it names still carries a valid verified stamp, loads those files in its order, which
     * skips discovery, descriptor parsing, the dependency graph and the cache's extraction checks. Returns
     * {@code null} (the caller then takes the full path, which reports any problem) whenever something does not match.
     * Kept in this class, and apart from the full path's classes, because a fresh JVM pays for every class it loads.
     */
    private static LoadedLibrary loadPlanned(String name, String key) {
        // Plans are read only from the root the full path would use, once it has passed every check: never from a
        // later candidate of the chain, which another user may have made (a plan is read before anything it names
        // is checked).
        LoadPlan plan = null;
        Path root = null;
        for (Path candidate : CacheDirectory.candidates()) {
            Path checked;
            try {
                checked = CacheDirectory.createChecked(candidate);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (CacheDirectory.rejected(checked)) {
                continue;
            }
            plan = LoadPlan.find(checked, key);
            if (plan != null) {
                root = checked;
                break;
            }
            if (!CacheDirectory.noexec(checked)) {
                break;
            }
        }
        if (plan == null) {
            if (Log.debugging()) {
                Log.debug("no load plan for '" + name + "' yet");
            }
            return null;
        }
        String changed = plan.changedEntry();
        if (changed != null) {
            if (Log.debugging()) {
                Log.debug("the class path changed since the load plan for '" + name + "' was written: " + changed);
            }
            return null;
        }
        int count = plan.packageCount();
        Path[] dirs = new Path[count];
        for (int i = 0; i < count; i++) {
            if (LOADED.containsKey(plan.packageKey(i))) {
                continue;
            }
            Path dir = root.resolve(plan.directory(i));
            if (!VerifiedStamp.vouchesFor(dir, plan.libraryPaths(i), plan.librarySha256s(i))
                    || !present(dir, plan.aliases(i))) {
                if (Log.debugging()) {
                    Log.debug("the stamp of " + dir + " does not vouch for its files; taking the full path");
                }
                return null;
            }
            dirs[i] = dir;
        }
        Set<Path> mapped = null;
        List<Path> all = new ArrayList<>();
        List<Path> own = null;
        for (int i = 0; i < count; i++) {
            List<Path> files = LOADED.get(plan.packageKey(i));
            if (files == null) {
                mapped = mapped != null ? mapped : mappedNow(stems(plan));
                files = loadPlanned(plan, i, dirs[i], mappedBefore(mapped, all));
                if (files == null) {
                    return null;
                }
                LOADED.put(plan.packageKey(i), files);
                CACHED.put(plan.packageKey(i), new Path[] {root, dirs[i]});
            }
            all.addAll(files);
            if (i == plan.resultPackage()) {
                own = files;
            }
        }
        int requested = plan.resultPackage();
        if (Log.debugging()) {
            Log.debug("loaded '" + name + "' as the load plan " + LoadPlan.file(root, key) + " says");
        }
        return new LoadedLibrary(name, own.get(plan.resultLibrary()), plan.coordinates(requested), plan.platform(),
                plan.origin(requested), all);
    }

    /** The stems of the planned libraries' SONAMEs: the only mapped files the conflict check looks at. */
    private static List<String> stems(LoadPlan plan) {
        List<String> stems = new ArrayList<>();
        for (int i = 0; i < plan.packageCount(); i++) {
            for (int j = 0; j < plan.libraryCount(i); j++) {
                String soname = plan.soname(i, j);
                if (soname != null) {
                    stems.add(MappedFiles.stem(soname));
                }
            }
        }
        return stems;
    }

    private static boolean present(Path dir, List<String> aliases) {
        for (String alias : aliases) {
            if (!Files.exists(dir.resolve(alias), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    /** Loads one planned package's libraries; {@code null} if one fails (the full path then loads and reports). */
    private static List<Path> loadPlanned(LoadPlan plan, int i, Path dir, Set<Path> mappedBefore) {
        List<Path> loaded = new ArrayList<>();
        List<String> sonames = new ArrayList<>();
        String os = plan.platform().substring(0, Math.max(0, plan.platform().indexOf('-')));
        for (int j = 0; j < plan.libraryCount(i); j++) {
            Path file = dir.resolve(plan.libraryPath(i, j));
            try {
                if (plan.global(i, j)) {
                    GlobalScope.open(os, file, ClassLoader.getSystemClassLoader());
                }
                System.load(file.toString());
            } catch (Throwable e) {
                if (Log.debugging()) {
                    Log.debug("loading " + file + " as planned failed (" + e + "); taking the full path");
                }
                return null;
            }
            if (Log.debugging()) {
                Log.debug("loaded " + file + " (" + plan.coordinates(i) + ", as planned)");
            }
            loaded.add(file);
            sonames.add(plan.soname(i, j));
        }
        reportConflicts(plan.coordinates(i), sonames, loaded, mappedBefore);
        return loaded;
    }

    static String verifyMode() {
        String mode = System.getProperty(VERIFY_PROPERTY, "warn").trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("warn") && !mode.equals(VERIFY_ERROR) && !mode.equals(VERIFY_OFF)) {
            throw new NativeLoaderException("-D" + VERIFY_PROPERTY + "=" + mode + " is not valid; use warn, error or"
                    + " off", null);
        }
        return mode;
    }

    /** One look at {@code /proc/self/maps} per call rather than one per package: it is read and parsed whole. */
    static Set<Path> mappedNow() {
        return mappedNow(null);
    }

    /** @param stems see {@link MappedFiles#read(List)} */
    private static Set<Path> mappedNow(List<String> stems) {
        return VERIFY_OFF.equals(verifyMode()) ? Set.of() : MappedFiles.read(stems);
    }

    /** What was mapped before a package's libraries: the snapshot taken once per call, plus what it loaded so far. */
    static Set<Path> mappedBefore(Set<Path> atStart, List<Path> loadedSoFar) {
        if (atStart.isEmpty() || loadedSoFar.isEmpty()) {
            return atStart;
        }
        Set<Path> before = new java.util.LinkedHashSet<>(atStart);
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
