package dev.nativelib.loader;

import dev.nativelib.loader.settings.Settings;
import dev.nativelib.loader.cache.CacheDirectory;
import dev.nativelib.loader.cache.PackageExtractor;
import dev.nativelib.loader.descriptor.AliasEntry;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.diagnostics.Log;
import dev.nativelib.loader.override.LibrarySource;
import dev.nativelib.loader.override.Overrides;
import dev.nativelib.loader.plan.LoadPlan;
import dev.nativelib.loader.plan.PlanWriter;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.loader.diagnostics.MappedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The full way of {@link NativeLoader#load}: discovery of every package on the class path, selection for the
 * platform, the dependency order, extraction into (or verification in) the cache, loading with the overrides applied,
 * and a {@link LoadPlan} for the next JVM. Called with {@code NativeLoader}'s lock held.
 */
final class FullLoad {

    private FullLoad() {
    }

    /**
     * Loads {@code name} the full way and, when {@code planKey} is given, writes a {@link LoadPlan} for the next JVM.
     *
     * @param name        the name asked for
     * @param classLoader where to look for packages ({@code null}: the system class loader)
     * @param bindTo      the class loader to bind the requested package's libraries to, with {@code binder}
     * @param binder      how to bind them, or {@code null} to load them with {@link System#load}
     * @param planKey     the {@link LoadPlan#key key} of this load, or {@code null} when no plan is to be written
     * @param registry    what this process has loaded; updated with what this loads
     * @return what was loaded
     */
    static LoadedLibrary load(String name, ClassLoader classLoader, ClassLoader bindTo, LibraryOpener.Binder binder,
                              String planKey, Registry registry) {
        Platform platform = Resolver.platform(name);
        // Fingerprinted before discovery: a JAR replaced meanwhile then fails the next start's check.
        PlanNotes notes = planKey == null ? null : PlanNotes.start();
        FoundPackage pkg;
        List<FoundPackage> order;
        String machine;
        String machineStamp;
        try {
            Resolver.Resolution resolution = Resolver.resolve(Resolver.find(classLoader), name, platform,
                    new java.util.function.Predicate<String>() {
                        @Override
                        public boolean test(String soname) {
                            boolean mapped = MappedFiles.hasSoname(soname);
                            if (mapped && notes != null) {
                                notes.obstacle = soname + " was accepted because the process already had it loaded";
                            }
                            return mapped;
                        }
                    });
            pkg = resolution.requested;
            order = resolution.order();
            machine = resolution.machineSignature();
            machineStamp = resolution.machineStamp();
        } catch (NativeLoaderException e) {
            throw e;
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
                files = registry.bound(bindTo, key);
                if (files == null) {
                    mapped = mapped != null ? mapped : LibraryOpener.mappedNow(null);
                    List<Path> loaded = registry.files(key);
                    files = loaded != null ? bindAgain(p, loaded, binder)
                            : loadPackage(p, classLoader, binder, LibraryOpener.mappedBefore(mapped, all), null,
                            registry, true);
                    registry.loaded(key, files);
                    registry.bind(bindTo, key, files);
                }
            } else {
                files = registry.files(key);
                if (files == null) {
                    mapped = mapped != null ? mapped : LibraryOpener.mappedNow(null);
                    files = loadPackage(p, classLoader, null, LibraryOpener.mappedBefore(mapped, all), notes,
                            registry, p == pkg);
                    registry.loaded(key, files);
                } else {
                    Path[] cached = registry.cacheLocation(key);
                    if (notes != null && cached != null) {
                        notes.extracted(cached[0], cached[1], pd);
                    } else if (notes != null) {
                        notes.obstacle = pd.coordinates() + " was loaded by an earlier call, not from the cache";
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
        if (notes != null) {
            savePlan(planKey, name, pkg, order, machine, machineStamp, notes);
        }
        return result;
    }

    static String packageKey(PackageDescriptor d) {
        return d.groupId() + ":" + d.artifactId() + ":" + d.platform();
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
                List<Path> closure = PlanWriter.classPath(System.getProperty("java.class.path"),
                        Paths.get(System.getProperty("user.dir", "")));
                if (closure == null) {
                    notes.obstacle = "a Class-Path attribute names a URL that is no local file";
                    return notes;
                }
                notes.entries = new ArrayList<>();
                notes.states = new ArrayList<>();
                for (Path entry : closure) {
                    String state = LoadPlan.fingerprint(entry.toString());
                    if (state == null) {
                        notes.obstacle = "the class-path directory " + entry
                                + " holds native packages, loaded in place";
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
    private static void savePlan(String key, String name, FoundPackage pkg, List<FoundPackage> order, String machine,
                                 String machineStamp, PlanNotes notes) {
        if (notes.obstacle == null && PackageExtractor.verifiesFully()) {
            notes.obstacle = "every load hashes every library (-D" + Settings.CACHE_VERIFY.property()
                    + "=full, or no verified stamps on this file system)";
        }
        if (notes.obstacle != null) {
            if (Log.debugging()) {
                Log.debug("no load plan for '" + name + "': " + notes.obstacle);
            }
            return;
        }
        try {
            LoadPlan plan = new LoadPlan(key, pkg.descriptor().platform().name());
            plan.machine(machine, machineStamp);
            for (int i = 0; i < notes.entries.size(); i++) {
                plan.addEntry(notes.entries.get(i), notes.states.get(i));
            }
            for (FoundPackage p : order) {
                PackageDescriptor d = p.descriptor();
                plan.addPackage(packageKey(d), d.coordinates(), notes.directories.get(packageKey(d)), p.origin());
                for (LibraryEntry l : d.libraries()) {
                    plan.addLibrary(l.path(), l.sha256(), l.soname(), l.global());
                }
                for (AliasEntry a : d.aliases()) {
                    plan.addAlias(a.path());
                }
            }
            plan.result(order.indexOf(pkg), indexOf(pkg.descriptor(), name));
            String odd = PlanWriter.writable(plan);
            if (odd != null) {
                if (Log.debugging()) {
                    Log.debug("no load plan for '" + name + "': cannot write '" + odd + "' into one");
                }
                return;
            }
            Path file = PlanWriter.save(notes.root, plan);
            if (Log.debugging()) {
                Log.debug("wrote the load plan " + file);
            }
        } catch (IOException | RuntimeException e) {
            if (Log.debugging()) {
                Log.debug("cannot write a load plan for '" + name + "': " + e);
            }
        }
    }


    /** How the JVM words its refusal to load one file for a second class loader. */
    private static final String ELSEWHERE = "already loaded in another classloader";

    /** @return whether {@code e} is the JVM refusing a file that another class loader loaded */
    private static boolean loadedElsewhere(UnsatisfiedLinkError e) {
        return e.getMessage() != null && e.getMessage().contains(ELSEWHERE);
    }

    /**
     * Binds a package that another class loader already bound: each library is bound again; one the JVM refuses
     * ("already loaded in another classloader") is copied to a private directory and the copy is bound instead.
     */
    private static List<Path> bindAgain(FoundPackage p, List<Path> files, LibraryOpener.Binder binder) {
        List<Path> bound = new ArrayList<>();
        PrivateCopies copies = new PrivateCopies(p.descriptor());
        for (Path file : files) {
            try {
                binder.load(file);
                bound.add(file);
            } catch (UnsatisfiedLinkError e) {
                if (!loadedElsewhere(e)) {
                    throw new NativeLoaderException("Cannot load " + file + " of " + p.descriptor().coordinates()
                            + ": " + e.getMessage(), e);
                }
                bound.add(copies.load(file, binder));
            } catch (RuntimeException e) {
                throw new NativeLoaderException("Cannot load " + file + " of " + p.descriptor().coordinates() + ": "
                        + e, e);
            }
        }
        return bound;
    }

    /**
     * Private copies of one package's libraries, for a class loader the JVM will not bind the originals to because
     * another one did: the JVM binds a file (by its canonical path) to one class loader only, a copy is another file.
     */
    private static final class PrivateCopies {
        private final PackageDescriptor descriptor;
        private Path dir;

        PrivateCopies(PackageDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        /**
         * @param file   a library file the JVM refused for this class loader
         * @param binder how to load the copy, or {@code null} for {@link System#load}
         * @return the copy, loaded
         */
        Path load(Path file, LibraryOpener.Binder binder) {
            try {
                if (dir == null) {
                    Path root = CacheDirectory.usable();
                    dir = Files.createTempDirectory(CacheDirectory.createPrivate(root.resolve(".loaders")),
                            descriptor.artifactId() + "-");
                }
                Path copy = Files.copy(file, dir.resolve(file.getFileName()));
                LibraryOpener.load(copy, binder);
                if (Log.debugging()) {
                    Log.debug("bound a private copy " + copy + " for another class loader");
                }
                return copy;
            } catch (IOException io) {
                throw new NativeLoaderException("Cannot copy " + file + " for a second class loader: "
                        + io.getMessage(), io);
            } catch (RuntimeException | UnsatisfiedLinkError again) {
                throw new NativeLoaderException("Cannot load a private copy of " + file + " of "
                        + descriptor.coordinates() + " for a second class loader: " + again, again);
            }
        }
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

    /**
     * @param requested whether this is the package asked for, whose libraries are bound to a class loader (the
     *                  caller's, or nativelib-loader's own); a package loaded as a dependency only needs its
     *                  libraries in the process
     */
    private static List<Path> loadPackage(FoundPackage pkg, ClassLoader classLoader, LibraryOpener.Binder binder,
                                          Set<Path> mappedBefore, PlanNotes notes, Registry registry,
                                          boolean requested) {
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
                try {
                    dir = PackageExtractor.extract(pkg, cacheRoot);
                } catch (IOException e) {
                    if (!outOfSpace(e)) {
                        throw e;
                    }
                    // This root's file system is full (or this user's quota on it): the next root of the chain may
                    // not be. An explicitly configured root is the only candidate, so the error then names it.
                    Log.warning("cannot extract " + d.coordinates() + " into " + cacheRoot + " (" + e.getMessage()
                            + "); trying the next cache directory");
                    CacheDirectory.reject(cacheRoot, "no space left to extract " + d.coordinates() + " ("
                            + e.getMessage() + ")");
                    return loadPackage(pkg, classLoader, binder, mappedBefore, notes, registry, requested);
                }
                registry.cachedIn(packageKey(d), cacheRoot, dir);
                if (notes != null) {
                    notes.extracted(cacheRoot, dir, d);
                }
            }
        } catch (NativeLoaderException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new NativeLoaderException("Cannot extract " + d.coordinates() + " [" + d.platform() + "] from "
                    + pkg.origin() + (cacheRoot == null ? "" : " into the cache " + cacheRoot) + ": " + e.getMessage()
                    + "\nSet -D" + Settings.CACHE_DIR.property() + "=<dir> (or " + Settings.CACHE_DIR.environment()
                    + ") to a writable directory owned by this user.", e);
        }
        try {
            return loadFrom(pkg, dir, classLoader, binder, mappedBefore, notes, requested);
        } catch (MapFailure f) {
            if (cacheRoot == null) {
                throw f.error;
            }
            // The root passed every check, yet code cannot be mapped from it: use the next one of the chain.
            Log.warning("cannot map libraries extracted into " + cacheRoot + " (" + f.getMessage()
                    + "); trying the next cache directory");
            CacheDirectory.reject(cacheRoot, "libraries extracted there could not be mapped as code ("
                    + f.getMessage() + ")");
            return loadPackage(pkg, classLoader, binder, mappedBefore, notes, registry, requested);
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

    /** Whether writing failed for want of space: ENOSPC or EDQUOT, as the JDK words them (Linux, macOS). */
    private static boolean outOfSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
                return true;
            }
        }
        return false;
    }

    /** Messages of dlopen failing because the file's location forbids executable mappings (glibc, musl). */
    private static boolean mapFailure(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("failed to map segment") || m.contains("Operation not permitted");
    }

    private static List<Path> loadFrom(FoundPackage pkg, Path dir, ClassLoader classLoader,
                                       LibraryOpener.Binder binder,
                                       Set<Path> mappedBefore, PlanNotes notes, boolean requested)
            throws MapFailure {
        PackageDescriptor d = pkg.descriptor();
        List<Path> loaded = new ArrayList<>();
        // The files the post-load check looks at: not the private copies, made on purpose beside their originals.
        List<Path> checked = new ArrayList<>();
        List<String> checkedSonames = new ArrayList<>();
        PrivateCopies copies = new PrivateCopies(d);
        Overrides.Decision decision = Resolver.decision(d);
        if (notes != null && (decision.directory() != null || decision.preferSystem())) {
            // What such a setting picks depends on files outside the cache, which a plan does not fingerprint.
            notes.obstacle = decision.source() + " decides where " + d.coordinates() + "'s libraries come from";
        }
        List<LibrarySource.Choice> choices = Resolver.sources(d, dir, decision);
        int index = 0;
        for (LibraryEntry library : d.libraries()) {
            LibrarySource.Choice choice = choices.get(index++);
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
                    String how = LibraryOpener.openGlobal(d.platform().os(), file, classLoader);
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
                LibraryOpener.load(file, binder);
            } catch (UnsatisfiedLinkError e) {
                if (loadedElsewhere(e)) {
                    // Another class loader of this JVM loaded this very file: another copy of nativelib-loader, in
                    // a child-first loader of its own (a Flink job's, a Spark executor's), whose registry this copy
                    // cannot see. A dependency's library is in the process, and the dynamic loader resolves the
                    // SONAME to it; the requested package's libraries get bound here, so they need their own copy.
                    if (requested) {
                        loaded.add(copies.load(file, binder));
                    } else {
                        if (Log.debugging()) {
                            Log.debug(file + " is already loaded through another class loader; the libraries that"
                                    + " need it use that one");
                        }
                        loaded.add(file);
                    }
                    continue;
                }
                String hint = mapFailure(e)
                        ? "\nThe directory is probably on a file system mounted noexec; set -D"
                        + Settings.CACHE_DIR.property() + "=<dir> (or " + Settings.CACHE_DIR.environment()
                        + ") to one that allows"
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
            } catch (RuntimeException e) {
                // IllegalCallerException where native access is denied (JDK 24+ --illegal-native-access=deny), a
                // binder's failure: named, as every failure of load is.
                throw new NativeLoaderException("Cannot load " + library.path() + " of " + d.coordinates() + " ["
                        + d.platform() + "] from " + file + ": " + e, e);
            }
            if (Log.debugging()) {
                Log.debug("loaded " + file + " (" + library.name() + " of " + d.coordinates() + ")");
            }
            loaded.add(file);
            checked.add(file);
            checkedSonames.add(library.soname());
        }
        LibraryOpener.reportConflicts(d.coordinates(), checkedSonames, checked, mappedBefore);
        return loaded;
    }

    /**
     * @param systemLoad {@link System#load} looked up through a caller's lookup, which binds to the caller's loader
     * @return a binder that loads through it (made here, off the planned way, whose start pays for every class)
     */
    static LibraryOpener.Binder binder(java.lang.invoke.MethodHandle systemLoad) {
        return new LibraryOpener.Binder() {
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
    }
}
