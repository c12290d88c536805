package dev.nativelib.loader;

import dev.nativelib.loader.cache.CacheDirectory;
import dev.nativelib.loader.cache.VerifiedStamp;
import dev.nativelib.loader.diagnostics.Log;
import dev.nativelib.loader.plan.LoadPlan;
import dev.nativelib.loader.diagnostics.MappedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The planned way of {@link NativeLoader#load(String)}: replays the {@link LoadPlan} an earlier JVM's full load wrote,
 * after checking that it still describes this start.
 */
final class PlannedLoad {

    private PlannedLoad() {
    }

    /**
     * The cache root plans are read from and written to: the first candidate that passes every check and either
     * holds the plan or is not on a {@code noexec} mount, which is the root the full way extracts into unless that
     * root fails later (then the plan is written where the full way extracted). Never a later candidate of the chain,
     * which another user may have made (a plan is read before anything it names is checked).
     *
     * @param key a plan's {@link LoadPlan#key key}
     * @return the root, or {@code null} when none is usable (the full way then says why)
     */
    static Path planRoot(String key) {
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
            // The mount table is read only when the root holds no plan: a planned start does not pay for it.
            if (LoadPlan.file(checked, key).toFile().isFile() || !CacheDirectory.noexec(checked)) {
                return checked;
            }
        }
        return null;
    }

    /**
     * Replays a {@link LoadPlan}: when one exists for this key, the class path still matches its fingerprints, and
     * every package directory it names still carries a valid verified stamp, and the machine has the signature the
     * plan's variants were chosen by (checked only for a plan that chose variants), loads those files in its order, which
     * skips discovery, descriptor parsing, the dependency graph and the cache's extraction checks. Returns
     * {@code null} (the caller then takes the full path, which reports any problem) whenever something does not match.
     * Kept apart from the full path's classes, because a fresh JVM pays for every class it loads.
     *
     * @param name     the name asked for
     * @param key      the plan's {@link LoadPlan#key key}
     * @param root     the {@link #planRoot plan root}
     * @param registry what this process has loaded; updated with what this loads
     * @return what was loaded, or {@code null} when the plan does not apply
     */
    static LoadedLibrary load(String name, String key, Path root, Registry registry) {
        LoadPlan plan = LoadPlan.find(root, key);
        if (plan == null) {
            if (Log.debugging()) {
                Log.debug("no load plan for '" + name + "' yet");
            }
            return null;
        }
        String restamp = null;
        String changed = plan.changedEntry();
        if (changed != null) {
            if (Log.debugging()) {
                Log.debug("the class path changed since the load plan for '" + name + "' was written: " + changed);
            }
            return null;
        }
        String stamp = plan.machine() == null ? null : dev.nativelib.loader.hardware.MachineStamp.current();
        if (plan.machine() != null && (plan.machineStamp() == null || !plan.machineStamp().equals(stamp))) {
            // Variants were chosen by a machine whose stamp differs (another boot, another machine sharing the cache,
            // another driver or other settings): the machine's record of this stamp, else detected again, and a
            // different machine chooses the full way. With the same stamp, detection would find the plan's
            // signature: nothing is read or detected.
            dev.nativelib.loader.hardware.MachineProperties machine =
                    dev.nativelib.loader.hardware.MachineStamp.machine(root, stamp);
            String now = machine.signature();
            if (!now.equals(plan.machine())) {
                if (Log.debugging()) {
                    Log.debug("the load plan for '" + name + "' chose variants for the machine " + plan.machine()
                            + ", but this one is " + now + "; taking the full path");
                }
                return null;
            }
            // The same machine under a new stamp (rebooted, say): stamped anew once the load succeeds, so that the
            // next starts do not detect again.
            restamp = machine.stamp();
        }
        int count = plan.packageCount();
        Path[] dirs = new Path[count];
        for (int i = 0; i < count; i++) {
            if (registry.files(plan.packageKey(i)) != null) {
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
            List<Path> files = registry.files(plan.packageKey(i));
            if (files == null) {
                mapped = mapped != null ? mapped : LibraryOpener.mappedNow(stems(plan));
                files = loadPackage(plan, i, dirs[i], LibraryOpener.mappedBefore(mapped, all));
                if (files == null) {
                    return null;
                }
                registry.loaded(plan.packageKey(i), files);
                registry.cachedIn(plan.packageKey(i), root, dirs[i]);
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
        if (restamp != null) {
            restamp(plan, restamp, root, name);
        }
        return new LoadedLibrary(name, own.get(plan.resultLibrary()), plan.coordinates(requested), plan.platform(),
                plan.origin(requested), all);
    }

    /** Rewrites a replayed plan with this machine's stamp; failing to is never an error of the load. */
    private static void restamp(LoadPlan plan, String stamp, Path root, String name) {
        plan.machine(plan.machine(), stamp);
        try {
            dev.nativelib.loader.plan.PlanWriter.save(root, plan);
            if (Log.debugging()) {
                Log.debug("the load plan for '" + name + "' now carries this machine's stamp " + stamp);
            }
        } catch (IOException | RuntimeException e) {
            if (Log.debugging()) {
                Log.debug("could not stamp the load plan for '" + name + "' anew: " + e);
            }
        }
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
    private static List<Path> loadPackage(LoadPlan plan, int i, Path dir, Set<Path> mappedBefore) {
        List<Path> loaded = new ArrayList<>();
        List<String> sonames = new ArrayList<>();
        String os = plan.platform().substring(0, Math.max(0, plan.platform().indexOf('-')));
        for (int j = 0; j < plan.libraryCount(i); j++) {
            Path file = dir.resolve(plan.libraryPath(i, j));
            try {
                LibraryOpener.open(os, file, plan.global(i, j), ClassLoader.getSystemClassLoader(), null);
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
        LibraryOpener.reportConflicts(plan.coordinates(i), sonames, loaded, mappedBefore);
        return loaded;
    }

}
