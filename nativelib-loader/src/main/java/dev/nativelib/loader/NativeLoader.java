package dev.nativelib.loader;

import dev.nativelib.loader.cache.CacheDirectory;
import dev.nativelib.loader.cache.PackageExtractor;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.discovery.PackageFinder;
import dev.nativelib.loader.discovery.PackageSelector;
import dev.nativelib.loader.graph.DependencyGraph;
import dev.nativelib.loader.override.LibrarySource;
import dev.nativelib.loader.override.Overrides;
import dev.nativelib.loader.override.SystemLibraries;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.loader.platform.PlatformDetector;
import dev.nativelib.loader.scope.GlobalScope;
import dev.nativelib.loader.verify.LoadVerifier;
import dev.nativelib.loader.verify.MappedFiles;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 */
public final class NativeLoader {

    private static final System.Logger LOG = System.getLogger("dev.nativelib.loader");
    private static final Object LOCK = new Object();
    /** Loaded packages by {@code groupId:artifactId:platform}. */
    private static final Map<String, List<Path>> LOADED = new HashMap<>();

    /** System property: {@code warn} (default), {@code error} or {@code off}, for the post-load SONAME check. */
    public static final String VERIFY_PROPERTY = "nativelib.verify";
    private static final String VERIFY_ERROR = "error";
    private static final String VERIFY_OFF = "off";

    private NativeLoader() {
    }

    /**
     * Loads the library (or package) called {@code name} for the running platform, searching the class loader of
     * the calling class.
     *
     * @param name a library's logical name ({@code greet} for {@code libgreet.so.1}) or a package's artifactId
     * @return which file was loaded from where
     * @throws NativeLoaderException if no package provides {@code name} on this platform, or loading fails
     */
    public static LoadedLibrary load(String name) {
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
        return load(name, caller.getClassLoader());
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
        Objects.requireNonNull(name, "name");
        Platform platform;
        try {
            platform = PlatformDetector.current();
        } catch (IllegalArgumentException e) {
            throw new NativeLoaderException("Cannot load '" + name + "': -D" + PlatformDetector.PLATFORM_PROPERTY
                    + " is invalid: " + e.getMessage(), e);
        }
        synchronized (LOCK) {
            FoundPackage pkg;
            List<FoundPackage> order;
            try {
                List<FoundPackage> all = PackageFinder.find(classLoader);
                pkg = PackageSelector.select(name, platform, all);
                order = new DependencyGraph(all.stream().filter(p -> p.descriptor().platform().equals(platform))
                        .toList(), MappedFiles::hasSoname).loadOrder(pkg);
            } catch (RuntimeException e) {
                throw new NativeLoaderException(e.getMessage(), e);
            }
            LOG.log(Level.DEBUG, () -> "load order for '" + name + "': " + order.stream()
                    .map(p -> p.descriptor().coordinates()).toList());
            List<Path> all = new ArrayList<>();
            List<Path> own = List.of();
            for (FoundPackage p : order) {
                PackageDescriptor pd = p.descriptor();
                String key = pd.groupId() + ":" + pd.artifactId() + ":" + pd.platform();
                List<Path> files = LOADED.get(key);
                if (files == null) {
                    files = loadPackage(p, classLoader);
                    LOADED.put(key, files);
                } else {
                    LOG.log(Level.DEBUG, () -> pd.coordinates() + " is already loaded");
                }
                all.addAll(files);
                own = files;
            }
            PackageDescriptor d = pkg.descriptor();
            return new LoadedLibrary(name, own.get(indexOf(d, name)), d.coordinates(), d.platform().name(),
                    pkg.origin(), all);
        }
    }

    private static String verifyMode() {
        String mode = System.getProperty(VERIFY_PROPERTY, "warn").trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("warn") && !mode.equals(VERIFY_ERROR) && !mode.equals(VERIFY_OFF)) {
            throw new NativeLoaderException("-D" + VERIFY_PROPERTY + "=" + mode + " is not valid; use warn, error or"
                    + " off", null);
        }
        return mode;
    }

    private static int indexOf(PackageDescriptor d, String name) {
        List<LibraryEntry> libraries = d.libraries();
        for (int i = 0; i < libraries.size(); i++) {
            if (libraries.get(i).name().equals(name)) {
                return i;
            }
        }
        return libraries.size() - 1;
    }

    private static List<Path> loadPackage(FoundPackage pkg, ClassLoader classLoader) {
        PackageDescriptor d = pkg.descriptor();
        if (d.libraries().isEmpty()) {
            throw new NativeLoaderException(d.coordinates() + " [" + d.platform() + "] in " + pkg.origin()
                    + " holds no libraries; was it packaged from an empty install prefix?", null);
        }
        Path cacheRoot = CacheDirectory.locate();
        Path dir;
        try {
            dir = PackageExtractor.extract(pkg, cacheRoot);
        } catch (IOException | RuntimeException e) {
            throw new NativeLoaderException("Cannot extract " + d.coordinates() + " [" + d.platform() + "] from "
                    + pkg.origin() + " into the cache " + cacheRoot + ": " + e.getMessage()
                    + "\nSet -D" + CacheDirectory.PROPERTY + "=<dir> (or " + CacheDirectory.ENVIRONMENT
                    + ") to a writable directory owned by this user.", e);
        }
        Set<Path> mappedBefore = VERIFY_OFF.equals(verifyMode()) ? Set.of() : MappedFiles.read();
        List<Path> loaded = new ArrayList<>();
        List<LoadVerifier.Loaded> verify = new ArrayList<>();
        Overrides.Decision decision;
        try {
            decision = Overrides.current().forPackage(d.artifactId());
        } catch (IllegalArgumentException e) {
            throw new NativeLoaderException("Cannot load " + d.coordinates() + ": " + e.getMessage(), e);
        }
        SystemLibraries system = decision.preferSystem()
                ? SystemLibraries.forPlatform(d.platform(), System.getenv()) : null;
        for (LibraryEntry library : d.libraries()) {
            LibrarySource.Choice choice = LibrarySource.choose(library, dir.resolve(library.path()), decision, system);
            Path file = choice.file();
            LOG.log(Level.DEBUG, () -> library.path() + " of " + d.coordinates() + ": " + choice.why());
            if (library.global()) {
                try {
                    String how = GlobalScope.open(d.platform().os(), file, classLoader);
                    LOG.log(Level.DEBUG, () -> "opened " + file + " with global scope through " + how);
                } catch (IllegalStateException e) {
                    throw new NativeLoaderException("Cannot load " + library.path() + " of " + d.coordinates() + ": "
                            + e.getMessage() + ".", e);
                } catch (Throwable e) {
                    throw new NativeLoaderException("Cannot open " + file + " (" + library.path() + " of "
                            + d.coordinates() + ") with global symbol scope: " + e, e);
                }
            }
            try {
                System.load(file.toString());
            } catch (UnsatisfiedLinkError e) {
                String hint = e.getMessage() != null && e.getMessage().contains("undefined symbol")
                        ? "\nThe library uses a symbol that none of the libraries it links (NEEDED) provides. If"
                        + " another package's library is meant to provide it, declare that package as a dependency"
                        + " and mark the library global in it (<globalLibraries> of nativelib:package)." : "";
                throw new NativeLoaderException("Cannot load " + library.path() + " of " + d.coordinates() + " ["
                        + d.platform() + "] from " + file + ": " + e.getMessage() + hint, e);
            }
            LOG.log(Level.DEBUG, () -> "loaded " + file + " (" + library.name() + " of " + d.coordinates() + ")");
            loaded.add(file);
            verify.add(new LoadVerifier.Loaded(library.soname(), file));
        }
        if (!mappedBefore.isEmpty()) {
            List<String> conflicts = LoadVerifier.conflicts(verify, mappedBefore);
            for (String c : conflicts) {
                if (VERIFY_ERROR.equals(verifyMode())) {
                    throw new NativeLoaderException("Loaded " + d.coordinates() + ", but " + c
                            + " (-Dnativelib.verify=error makes this an error)", null);
                }
                LOG.log(Level.WARNING, c);
            }
        }
        return loaded;
    }
}
