package dev.nativelib.loader;

import dev.nativelib.loader.cache.PackageExtractor;
import dev.nativelib.loader.diagnostics.Log;
import dev.nativelib.loader.plan.LoadPlan;
import dev.nativelib.loader.plan.PlanWriter;
import dev.nativelib.loader.settings.Settings;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Objects;

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

    /** Every call runs under this lock: loading is rare, and one at a time keeps the registry consistent. */
    private static final Object LOCK = new Object();
    /** The class of the JDK's own application class loader. */
    private static final String APP_LOADER = "jdk.internal.loader.ClassLoaders$AppClassLoader";
    /** What this process has loaded; guarded by {@link #LOCK}. */
    private static final Registry REGISTRY = new Registry();

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
                                      LibraryOpener.Binder binder) {
        Objects.requireNonNull(name, "name");
        synchronized (LOCK) {
            // Repeated calls (every static initializer that needs the library) skip discovery entirely.
            String resultKey = (binder != null ? "bound:" : "plain:") + name;
            ClassLoader resultOwner = binder != null ? bindTo : classLoader;
            LoadedLibrary result = REGISTRY.result(resultOwner, resultKey);
            if (result != null) {
                return result;
            }
            String planKey;
            try {
                // Every setting checked before anything is done: a mistyped value is an error, never a default.
                Settings.validate();
                planKey = binder == null && applicationClassLoader(classLoader) ? LoadPlan.key(name) : null;
            } catch (IllegalArgumentException e) {
                throw new NativeLoaderException("Cannot load '" + name + "': " + e.getMessage(), e);
            }
            Throwable[] planFailure = new Throwable[1];
            // Where plans are read and written: looked up once per call (candidates, checks, maybe the mount table).
            Path planRoot = planKey == null ? null : planRoot(planKey, planFailure);
            result = planRoot == null ? null : replay(name, planKey, planRoot, planFailure);
            PlanWriter.PlanLock lock = null;
            if (result == null && planRoot != null && planFailure[0] == null && !PackageExtractor.verifiesFully()) {
                // No plan that applies: of the JVMs starting at once with this key, the first loads the full way
                // and writes the plan while the others wait for it, then replay it in parallel.
                lock = PlanWriter.lock(planRoot, planKey);
                if (lock != null && !lock.first()) {
                    lock.close();
                    lock = null;
                    result = replay(name, planKey, planRoot, planFailure);
                }
            }
            try {
                if (result == null) {
                    result = FullLoad.load(name, classLoader, bindTo, binder, planKey, REGISTRY);
                }
            } catch (RuntimeException | Error e) {
                if (planFailure[0] != null) {
                    e.addSuppressed(planFailure[0]);
                }
                throw e;
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
            REGISTRY.result(resultOwner, resultKey, result);
            return result;
        }
    }

    /**
     * Replays the plan for {@code key} if there is one that applies. A plan is a shortcut only: whatever goes wrong
     * replaying it, an {@code Error} included, is kept in {@code failure} and the caller takes the full way.
     */
    private static LoadedLibrary replay(String name, String key, Path root, Throwable[] failure) {
        try {
            return PlannedLoad.load(name, key, root, REGISTRY);
        } catch (Throwable e) {
            failure[0] = e;
            if (Log.debugging()) {
                Log.debug("replaying the load plan for '" + name + "' failed (" + e + "); taking the full path");
            }
            return null;
        }
    }

    /** {@link PlannedLoad#planRoot}, with any failure kept in {@code failure} as {@link #replay} keeps it. */
    private static Path planRoot(String key, Throwable[] failure) {
        try {
            return PlannedLoad.planRoot(key);
        } catch (Throwable e) {
            failure[0] = e;
            return null;
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
}
