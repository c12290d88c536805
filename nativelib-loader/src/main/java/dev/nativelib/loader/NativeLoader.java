package dev.nativelib.loader;

import dev.nativelib.loader.log.Log;
import dev.nativelib.loader.cache.CacheDirectory;
import dev.nativelib.loader.cache.PackageExtractor;
import dev.nativelib.loader.cache.VerifiedStamp;
import dev.nativelib.loader.descriptor.AliasEntry;
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
import dev.nativelib.loader.plan.ClassPathState;
import dev.nativelib.loader.plan.LoadPlan;
import dev.nativelib.loader.plan.PlanKey;
import dev.nativelib.loader.plan.PlanStore;
import dev.nativelib.loader.platform.PlatformDetector;
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
import java.nio.file.Paths;
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
 */
public final class NativeLoader {

    private static final Object LOCK = new Object();
    /** Loaded packages by {@code groupId:artifactId:platform}. */
    private static final Map<String, List<Path>> LOADED = new HashMap<>();
    /** Results of earlier calls, by the class loader searched (or bound to) and the name asked for. */
    private static final Map<ClassLoader, Map<String, LoadedLibrary>> RESULTS = new WeakHashMap<>();
    /** Packages bound to a caller's class loader through {@link #load(MethodHandles.Lookup, String)}. */
    private static final Map<ClassLoader, Map<String, List<Path>>> BINDINGS = new WeakHashMap<>();

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
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
        return load(name, caller.getClassLoader());
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
        Binder binder = new Binder() {
            @Override
            public void load(Path file) {
                try {
                    systemLoad.invokeExact(file.toString());
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        return load(name, caller.lookupClass().getClassLoader(), caller.lookupClass().getClassLoader(), binder);
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

    /** Loads a library file so that the JVM can bind native methods to it. */
    @FunctionalInterface
    private interface Binder {
        void load(Path file);
    }

    private static LoadedLibrary load(String name, ClassLoader classLoader, ClassLoader bindTo, Binder binder) {
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
            LoadedLibrary earlier = results.get(resultKey);
            if (earlier != null) {
                return earlier;
            }
            String planKey = binder == null && applicationClassLoader(classLoader) ? PlanKey.current(name) : null;
            if (planKey != null) {
                LoadedLibrary planned = loadPlanned(name, planKey);
                if (planned != null) {
                    results.put(resultKey, planned);
                    return planned;
                }
            }
            Platform platform;
            try {
                platform = PlatformDetector.current();
            } catch (IllegalArgumentException e) {
                throw new NativeLoaderException("Cannot load '" + name + "': -D" + PlatformDetector.PLATFORM_PROPERTY
                        + " is invalid: " + e.getMessage(), e);
            }
            // Fingerprinted before discovery: a JAR replaced meanwhile then fails the next start's check.
            PlanNotes notes = planKey == null ? null : PlanNotes.start();
            FoundPackage pkg;
            List<FoundPackage> order;
            try {
                List<FoundPackage> all = PackageFinder.find(classLoader);
                pkg = PackageSelector.select(name, platform, all);
                List<FoundPackage> here = new ArrayList<>();
                for (FoundPackage p : all) {
                    if (p.descriptor().platform().equals(platform)) {
                        here.add(p);
                    }
                }
                order = new DependencyGraph(here, new java.util.function.Predicate<String>() {
                    @Override
                    public boolean test(String soname) {
                        boolean mapped = MappedFiles.hasSoname(soname);
                        if (mapped && notes != null) {
                            notes.obstacle = soname + " was accepted because the process already had it loaded";
                        }
                        return mapped;
                    }
                }).loadOrder(pkg);
            } catch (RuntimeException e) {
                throw new NativeLoaderException(e.getMessage(), e);
            }
            if (Log.debugging()) {
                Log.debug("load order for '" + name + "': " + order.stream()
                        .map(p -> p.descriptor().coordinates()).toList());
            }
            List<Path> all = new ArrayList<>();
            List<Path> own = List.of();
            // One look at /proc/self/maps per call rather than one per package (it is read and parsed whole), and
            // none when every package is loaded already.
            Set<Path> mapped = null;
            for (FoundPackage p : order) {
                PackageDescriptor pd = p.descriptor();
                String key = packageKey(pd);
                List<Path> files;
                if (p == pkg && binder != null) {
                    Map<String, List<Path>> bound = BINDINGS.get(bindTo);
                    if (bound == null) {
                        bound = new HashMap<>();
                        BINDINGS.put(bindTo, bound);
                    }
                    files = bound.get(key);
                    if (files == null) {
                        mapped = mapped != null ? mapped : mappedNow();
                        files = LOADED.containsKey(key) ? bindAgain(p, LOADED.get(key), binder)
                                : loadPackage(p, classLoader, binder, mappedBefore(mapped, all), null);
                        LOADED.putIfAbsent(key, files);
                        bound.put(key, files);
                    }
                } else {
                    files = LOADED.get(key);
                    if (files == null) {
                        mapped = mapped != null ? mapped : mappedNow();
                        files = loadPackage(p, classLoader, null, mappedBefore(mapped, all), notes);
                        LOADED.put(key, files);
                    } else {
                        if (notes != null) {
                            notes.obstacle = pd.coordinates() + " was loaded by an earlier call";
                        }
                        if (Log.debugging()) {
                            Log.debug(pd.coordinates() + " is already loaded");
                        }
                    }
                }
                all.addAll(files);
                own = files;
            }
            PackageDescriptor d = pkg.descriptor();
            LoadedLibrary result = new LoadedLibrary(name, own.get(indexOf(d, name)), d.coordinates(),
                    d.platform().name(), pkg.origin(), all);
            results.put(resultKey, result);
            if (notes != null) {
                savePlan(planKey, name, pkg, order, notes);
            }
            return result;
        }
    }

    private static String packageKey(PackageDescriptor d) {
        return d.groupId() + ":" + d.artifactId() + ":" + d.platform();
    }

    /**
     * Whether {@code classLoader} is the JDK's own application class loader, which reads exactly
     * {@code java.class.path} (and the manifests' {@code Class-Path}), so that a plan's fingerprints cover all it sees.
     */
    private static boolean applicationClassLoader(ClassLoader classLoader) {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        return (classLoader == null || classLoader == system)
                && system.getClass().getName().equals("jdk.internal.loader.ClassLoaders$AppClassLoader");
    }

    /**
     * What a full load learns for a {@link LoadPlan}: the class path's fingerprints taken before discovery, each
     * package's cache directory, and the first reason (if any) the outcome cannot be replayed by a later JVM.
     */
    private static final class PlanNotes {
        private List<String> entries;
        private List<String> states;
        private Path root;
        private final Map<String, String> directories = new HashMap<>();
        private String obstacle;

        static PlanNotes start() {
            PlanNotes notes = new PlanNotes();
            try {
                List<Path> closure = ClassPathState.closure(System.getProperty("java.class.path"),
                        Paths.get(System.getProperty("user.dir", "")));
                if (closure == null) {
                    notes.obstacle = "the class path has an empty entry or a Class-Path URL that is no local file";
                    return notes;
                }
                notes.entries = new ArrayList<>();
                notes.states = new ArrayList<>();
                for (Path entry : closure) {
                    String state = ClassPathState.of(entry.toString());
                    if (state == null) {
                        notes.obstacle = "the class-path directory " + entry + " holds native packages";
                        return notes;
                    }
                    notes.entries.add(entry.toString());
                    notes.states.add(state);
                }
            } catch (IOException | RuntimeException e) {
                notes.obstacle = "cannot read the class path: " + e;
            }
            return notes;
        }

        void extracted(Path cacheRoot, Path dir, PackageDescriptor d) {
            if (root != null && !root.equals(cacheRoot)) {
                obstacle = "packages were extracted into two cache roots";
            }
            root = cacheRoot;
            StringBuilder relative = new StringBuilder();
            for (Path segment : cacheRoot.relativize(dir)) {
                relative.append(relative.length() == 0 ? "" : "/").append(segment);
            }
            directories.put(packageKey(d), relative.toString());
        }
    }

    /** Writes down a full load's outcome for the next JVM; failing to is never an error of the load. */
    private static void savePlan(String key, String name, FoundPackage pkg, List<FoundPackage> order,
                                 PlanNotes notes) {
        if (notes.obstacle == null && PackageExtractor.verifiesFully()) {
            notes.obstacle = "every load hashes every library (-D" + PackageExtractor.VERIFY_PROPERTY
                    + "=full, or no verified stamps on this file system)";
        }
        if (notes.obstacle != null) {
            if (Log.debugging()) {
                Log.debug("no load plan for '" + name + "': " + notes.obstacle);
            }
            return;
        }
        try {
            List<LoadPlan.Package> packages = new ArrayList<>();
            for (FoundPackage p : order) {
                PackageDescriptor d = p.descriptor();
                List<LoadPlan.Library> libraries = new ArrayList<>();
                for (LibraryEntry l : d.libraries()) {
                    libraries.add(new LoadPlan.Library(l.path(), l.soname(), l.global()));
                }
                List<String> aliases = new ArrayList<>();
                for (AliasEntry a : d.aliases()) {
                    aliases.add(a.path());
                }
                packages.add(new LoadPlan.Package(packageKey(d), d.coordinates(),
                        notes.directories.get(packageKey(d)), p.origin(), libraries, aliases));
            }
            LoadPlan plan = new LoadPlan(key, pkg.descriptor().platform().name(), notes.entries, notes.states,
                    packages, order.indexOf(pkg), indexOf(pkg.descriptor(), name));
            Path file = PlanStore.save(notes.root, plan);
            if (Log.debugging()) {
                Log.debug("wrote the load plan " + file);
            }
        } catch (IOException | RuntimeException e) {
            if (Log.debugging()) {
                Log.debug("cannot write a load plan for '" + name + "': " + e);
            }
        }
    }

    /**
     * Replays a {@link LoadPlan}: when one exists for this key, the class path still matches its fingerprints, and
     * every package directory it names still carries a valid verified stamp, loads those files in its order, which
     * skips discovery, descriptor parsing, the dependency graph and the cache's extraction checks. Returns
     * {@code null} (the caller then takes the full path, which reports any problem) whenever something does not match.
     */
    private static LoadedLibrary loadPlanned(String name, String key) {
        LoadPlan plan = null;
        Path root = null;
        for (Path candidate : CacheDirectory.candidates()) {
            plan = PlanStore.find(candidate, key);
            if (plan != null) {
                root = candidate;
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
        try {
            root = CacheDirectory.createChecked(root);
        } catch (IOException e) {
            return null;
        }
        if (CacheDirectory.rejected(root)) {
            return null;
        }
        List<LoadPlan.Package> packages = plan.packages();
        Path[] dirs = new Path[packages.size()];
        for (int i = 0; i < dirs.length; i++) {
            LoadPlan.Package p = packages.get(i);
            if (LOADED.containsKey(p.key())) {
                continue;
            }
            Path dir = root.resolve(p.directory());
            if (!VerifiedStamp.vouchesFor(dir, p.libraryPaths()) || !present(dir, p.aliases())) {
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
        for (int i = 0; i < dirs.length; i++) {
            LoadPlan.Package p = packages.get(i);
            List<Path> files = LOADED.get(p.key());
            if (files == null) {
                mapped = mapped != null ? mapped : mappedNow();
                files = loadPlanned(plan, p, dirs[i], mappedBefore(mapped, all));
                if (files == null) {
                    return null;
                }
                LOADED.put(p.key(), files);
            }
            all.addAll(files);
            if (i == plan.resultPackage()) {
                own = files;
            }
        }
        LoadPlan.Package requested = packages.get(plan.resultPackage());
        return new LoadedLibrary(name, own.get(plan.resultLibrary()), requested.coordinates(), plan.platform(),
                requested.origin(), all);
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
    private static List<Path> loadPlanned(LoadPlan plan, LoadPlan.Package p, Path dir, Set<Path> mappedBefore) {
        List<Path> loaded = new ArrayList<>();
        List<LoadVerifier.Loaded> verify = new ArrayList<>();
        String os = plan.platform().substring(0, Math.max(0, plan.platform().indexOf('-')));
        for (LoadPlan.Library library : p.libraries()) {
            Path file = dir.resolve(library.path());
            try {
                if (library.global()) {
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
                Log.debug("loaded " + file + " (" + p.coordinates() + ", as planned)");
            }
            loaded.add(file);
            verify.add(new LoadVerifier.Loaded(library.soname(), file));
        }
        reportConflicts(p.coordinates(), verify, mappedBefore);
        return loaded;
    }

    /**
     * Binds a package that another class loader already bound: each library is bound again; one the JVM refuses
     * ("already loaded in another classloader") is copied to a private directory and the copy is bound instead.
     */
    private static List<Path> bindAgain(FoundPackage p, List<Path> files, Binder binder) {
        List<Path> bound = new ArrayList<>();
        Path copies = null;
        for (Path file : files) {
            try {
                binder.load(file);
                bound.add(file);
            } catch (UnsatisfiedLinkError e) {
                if (e.getMessage() == null || !e.getMessage().contains("already loaded in another classloader")) {
                    throw new NativeLoaderException("Cannot load " + file + " of " + p.descriptor().coordinates()
                            + ": " + e.getMessage(), e);
                }
                try {
                    if (copies == null) {
                        Path root = CacheDirectory.usable();
                        copies = Files.createTempDirectory(CacheDirectory.createPrivate(root.resolve(".loaders")),
                                p.descriptor().artifactId() + "-");
                    }
                    Path copy = Files.copy(file, copies.resolve(file.getFileName()));
                    binder.load(copy);
                    if (Log.debugging()) {
                        Log.debug("bound a private copy " + copy + " for another class loader");
                    }
                    bound.add(copy);
                } catch (IOException io) {
                    throw new NativeLoaderException("Cannot copy " + file + " for a second class loader: "
                            + io.getMessage(), io);
                }
            }
        }
        return bound;
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

    private static Set<Path> mappedNow() {
        return VERIFY_OFF.equals(verifyMode()) ? Set.of() : MappedFiles.read();
    }

    /** What was mapped before a package's libraries: the snapshot taken once per call, plus what it loaded so far. */
    private static Set<Path> mappedBefore(Set<Path> atStart, List<Path> loadedSoFar) {
        if (atStart.isEmpty() || loadedSoFar.isEmpty()) {
            return atStart;
        }
        Set<Path> before = new java.util.LinkedHashSet<>(atStart);
        before.addAll(loadedSoFar);
        return before;
    }

    private static List<Path> loadPackage(FoundPackage pkg, ClassLoader classLoader, Binder binder,
                                          Set<Path> mappedBefore, PlanNotes notes) {
        PackageDescriptor d = pkg.descriptor();
        if (d.libraries().isEmpty()) {
            throw new NativeLoaderException(d.coordinates() + " [" + d.platform() + "] in " + pkg.origin()
                    + " holds no libraries; was it packaged from an empty install prefix?", null);
        }
        Path cacheRoot = null;
        Path dir;
        try {
            Path local = pkg.localDirectory();
            if (local != null) {
                String problem = PackageExtractor.verifyInPlace(local, d);
                if (problem != null) {
                    throw new NativeLoaderException(d.coordinates() + " [" + d.platform() + "] in the class-path"
                            + " directory " + local + " does not match its descriptor: " + problem + ". Rebuild it"
                            + " (the files changed after packaging), or put the package's JAR on the class path.",
                            null);
                }
                if (Log.debugging()) {
                    Log.debug("loading " + d.coordinates() + " in place from " + local);
                }
                if (notes != null) {
                    notes.obstacle = d.coordinates() + " is loaded in place from a class-path directory";
                }
                dir = local;
            } else {
                cacheRoot = CacheDirectory.usable();
                dir = PackageExtractor.extract(pkg, cacheRoot);
                if (notes != null) {
                    notes.extracted(cacheRoot, dir, d);
                }
            }
        } catch (NativeLoaderException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new NativeLoaderException("Cannot extract " + d.coordinates() + " [" + d.platform() + "] from "
                    + pkg.origin() + (cacheRoot == null ? "" : " into the cache " + cacheRoot) + ": " + e.getMessage()
                    + "\nSet -D" + CacheDirectory.PROPERTY + "=<dir> (or " + CacheDirectory.ENVIRONMENT
                    + ") to a writable directory owned by this user.", e);
        }
        try {
            return loadFrom(pkg, dir, classLoader, binder, mappedBefore, notes);
        } catch (MapFailure f) {
            if (cacheRoot == null) {
                throw f.error;
            }
            // The root passed every check, yet code cannot be mapped from it: use the next one of the chain.
            Log.warning("cannot map libraries extracted into " + cacheRoot + " (" + f.getMessage()
                    + "); trying the next cache directory");
            CacheDirectory.reject(cacheRoot, "libraries extracted there could not be mapped as code ("
                    + f.getMessage() + ")");
            return loadPackage(pkg, classLoader, binder, mappedBefore, notes);
        }
    }

    /** A package's first library could not be mapped from where it was put: the place, not the library, is bad. */
    private static final class MapFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient NativeLoaderException error;

        MapFailure(String message, NativeLoaderException error) {
            super(message, null, false, false);
            this.error = error;
        }
    }

    private static boolean noneUnder(List<Path> files, Path dir) {
        for (Path f : files) {
            if (f.startsWith(dir)) {
                return false;
            }
        }
        return true;
    }

    /** Messages of dlopen failing because the file's location forbids executable mappings (glibc, musl). */
    private static boolean mapFailure(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("failed to map segment") || m.contains("Operation not permitted");
    }

    private static List<Path> loadFrom(FoundPackage pkg, Path dir, ClassLoader classLoader, Binder binder,
                                       Set<Path> mappedBefore, PlanNotes notes)
            throws MapFailure {
        PackageDescriptor d = pkg.descriptor();
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
            if (notes != null && !file.startsWith(dir)) {
                notes.obstacle = library.path() + " of " + d.coordinates() + " comes from " + file + " ("
                        + choice.why() + ")";
            }
            if (Log.debugging()) {
                Log.debug(library.path() + " of " + d.coordinates() + ": " + choice.why());
            }
            if (library.global()) {
                try {
                    String how = GlobalScope.open(d.platform().os(), file, classLoader);
                    if (Log.debugging()) {
                        Log.debug("opened " + file + " with global scope through " + how);
                    }
                } catch (IllegalStateException e) {
                    throw new NativeLoaderException("Cannot load " + library.path() + " of " + d.coordinates() + ": "
                            + e.getMessage() + ".", e);
                } catch (Throwable e) {
                    NativeLoaderException error = new NativeLoaderException("Cannot open " + file + " ("
                            + library.path() + " of " + d.coordinates() + ") with global symbol scope: " + e, e);
                    if (mapFailure(e) && file.startsWith(dir) && noneUnder(loaded, dir)) {
                        throw new MapFailure(String.valueOf(e.getMessage()), error);
                    }
                    throw error;
                }
            }
            try {
                if (binder == null) {
                    System.load(file.toString());
                } else {
                    binder.load(file);
                }
            } catch (UnsatisfiedLinkError e) {
                String hint = mapFailure(e)
                        ? "\nThe directory is probably on a file system mounted noexec; set -D"
                        + CacheDirectory.PROPERTY + "=<dir> (or " + CacheDirectory.ENVIRONMENT + ") to one that allows"
                        + " executing code."
                        : e.getMessage() != null && e.getMessage().contains("undefined symbol")
                        ? "\nThe library uses a symbol that none of the libraries it links (NEEDED) provides. If"
                        + " another package's library is meant to provide it, declare that package as a dependency"
                        + " and mark the library global in it (<globalLibraries> of nativelib:package)." : "";
                NativeLoaderException error = new NativeLoaderException("Cannot load " + library.path() + " of "
                        + d.coordinates() + " [" + d.platform() + "] from " + file + ": " + e.getMessage() + hint, e);
                if (mapFailure(e) && file.startsWith(dir) && noneUnder(loaded, dir)) {
                    throw new MapFailure(String.valueOf(e.getMessage()), error);
                }
                throw error;
            }
            if (Log.debugging()) {
                Log.debug("loaded " + file + " (" + library.name() + " of " + d.coordinates() + ")");
            }
            loaded.add(file);
            verify.add(new LoadVerifier.Loaded(library.soname(), file));
        }
        reportConflicts(d.coordinates(), verify, mappedBefore);
        return loaded;
    }

    /** Warns (or, with {@code -Dnativelib.verify=error}, fails) when another file already held a loaded SONAME. */
    private static void reportConflicts(String coordinates, List<LoadVerifier.Loaded> loaded, Set<Path> mappedBefore) {
        if (mappedBefore.isEmpty()) {
            return;
        }
        for (String c : LoadVerifier.conflicts(loaded, mappedBefore)) {
            if (VERIFY_ERROR.equals(verifyMode())) {
                throw new NativeLoaderException("Loaded " + coordinates + ", but " + c
                        + " (-Dnativelib.verify=error makes this an error)", null);
            }
            Log.warning(c);
        }
    }
}
