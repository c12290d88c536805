package dev.nativelib.loader.graph;

import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageRequirement;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.discovery.VariantChooser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Orders the native packages a package needs so that each is loaded after everything it needs. Edges come from the
 * packages a descriptor requires and from each library's needed names, mapped to the package on the class path that
 * provides that SONAME (or install name, DLL name, file or link name).
 *
 * <p>A package with {@link dev.nativelib.loader.descriptor.PackageVariant variants} on the class path is one node:
 * the graph asks its {@link VariantChooser} for the variant when it first meets the package, so that the choices agree
 * along the load order (the requested package is chosen before the graph is built, by the same chooser).
 *
 * <p>Rejected with a message that says what to do: a required package missing from the class path; two versions of
 * one package on the class path; a required package whose version is outside what the dependent was built against
 * (same major version, not older); a needed SONAME that the required package no longer provides; a cycle.
 */
public final class DependencyGraph {

    private final Map<String, List<FoundPackage>> byKey = new LinkedHashMap<>();
    /** Normalized library name to the groupId:artifactId of the first package providing it. */
    private final Map<String, String> byLibraryName = new HashMap<>();
    /** The package taken for each groupId:artifactId met so far: the only one, or the chosen variant. */
    private final Map<String, FoundPackage> taken = new HashMap<>();
    private final boolean caseInsensitive;
    private final Predicate<String> alreadyLoaded;
    private VariantChooser chooser;

    /**
     * @param packages every package on the class path for the running platform
     */
    public DependencyGraph(List<FoundPackage> packages) {
        this(packages, new Predicate<String>() {
            @Override
            public boolean test(String soname) {
                return false;
            }
        });
    }

    /**
     * @param packages      every package on the class path for the running platform
     * @param alreadyLoaded whether the process already has a library of a given SONAME loaded; a required package
     *                      that is not on the class path is accepted when everything it could provide is
     */
    public DependencyGraph(List<FoundPackage> packages, Predicate<String> alreadyLoaded) {
        this(packages, alreadyLoaded, null);
    }

    /**
     * @param packages      every package on the class path for the running platform
     * @param alreadyLoaded as for {@link #DependencyGraph(List, Predicate)}
     * @param chooser       chooses among the variants of a package, consistently with the choices it made before
     *                      (the requested package's); {@code null} for one that detects this machine when it first
     *                      meets a package with variants
     */
    public DependencyGraph(List<FoundPackage> packages, Predicate<String> alreadyLoaded, VariantChooser chooser) {
        this.alreadyLoaded = alreadyLoaded;
        this.chooser = chooser;
        this.caseInsensitive = !packages.isEmpty()
                && packages.get(0).descriptor().platform().os().equals("windows");
        for (FoundPackage p : packages) {
            List<FoundPackage> same = byKey.get(key(p.descriptor()));
            if (same == null) {
                same = new ArrayList<>();
                byKey.put(key(p.descriptor()), same);
            }
            same.add(p);
            for (String name : providedNames(p.descriptor())) {
                byLibraryName.putIfAbsent(normalize(name), key(p.descriptor()));
            }
        }
    }

    /**
     * @param root the package that was asked for
     * @return it and every package it needs, dependencies first
     * @throws DependencyException if the graph cannot be loaded; the message says why and how to fix it
     */
    public List<FoundPackage> loadOrder(FoundPackage root) {
        List<FoundPackage> order = new ArrayList<>();
        for (Step step : explain(root)) {
            order.add(step.pkg());
        }
        return order;
    }

    /**
     * A package in load order, and why it is loaded.
     *
     * @param pkg the package
     * @param why {@code requested}, or which package needs it and how
     */
    public record Step(FoundPackage pkg, String why) {
    }

    /**
     * @param root the package that was asked for
     * @return it and every package it needs, dependencies first, each with the reason it is needed
     * @throws DependencyException if the graph cannot be loaded; the message says why and how to fix it
     */
    public List<Step> explain(FoundPackage root) {
        List<Step> order = new ArrayList<>();
        taken.put(key(root.descriptor()), root);
        visit(root, "requested", new LinkedHashSet<>(), new LinkedHashSet<>(), order);
        return order;
    }

    private void visit(FoundPackage p, String why, Set<String> done, LinkedHashSet<String> path, List<Step> order) {
        String key = key(p.descriptor());
        if (done.contains(key)) {
            return;
        }
        if (path.contains(key)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String k : path) {
                in |= k.equals(key);
                if (in) {
                    cycle.add(k);
                }
            }
            cycle.add(key);
            throw new DependencyException("Native packages need each other in a cycle: " + String.join(" -> ", cycle)
                    + ". A package cannot be loaded before the packages it needs; break the cycle (merge the"
                    + " packages, or remove one of the requirements).");
        }
        path.add(key);
        for (Map.Entry<FoundPackage, String> dependency : dependencies(p).entrySet()) {
            visit(dependency.getKey(), dependency.getValue(), done, path, order);
        }
        path.remove(key);
        done.add(key);
        order.add(new Step(p, why));
    }

    private Map<FoundPackage, String> dependencies(FoundPackage p) {
        PackageDescriptor d = p.descriptor();
        Map<FoundPackage, String> deps = new LinkedHashMap<>();
        for (PackageRequirement r : d.requires()) {
            if (!byKey.containsKey(r.key()) && providedByProcess(p)) {
                continue;
            }
            String why = "required by " + d.coordinates() + " (built against " + r.version() + ")";
            deps.putIfAbsent(required(p, r, why), why);
        }
        Set<String> own = new HashSet<>();
        for (String n : providedNames(d)) {
            own.add(normalize(n));
        }
        for (LibraryEntry l : d.libraries()) {
            for (String needed : l.needed()) {
                String n = normalize(needed);
                if (own.contains(n)) {
                    continue;
                }
                String provider = byLibraryName.get(n);
                if (provider != null && !provider.equals(key(d))) {
                    String why = "provides " + needed + ", which " + l.path() + " of " + d.coordinates() + " needs";
                    FoundPackage dep = unique(provider, why);
                    if (!deps.containsKey(dep)) {
                        deps.put(dep, why);
                    }
                } else if (provider == null) {
                    checkRequiredStillProvides(p, l, needed);
                }
            }
        }
        return deps;
    }

    /**
     * Whether every library {@code p} needs that no package on the class path provides is already loaded in the
     * process (by SONAME): then a required package missing from the class path is not needed after all, because the
     * dynamic loader will match those names against what is loaded.
     */
    private boolean providedByProcess(FoundPackage p) {
        Set<String> own = new HashSet<>();
        for (String n : providedNames(p.descriptor())) {
            own.add(normalize(n));
        }
        for (LibraryEntry l : p.descriptor().libraries()) {
            for (String needed : l.needed()) {
                String n = normalize(needed);
                if (!own.contains(n) && !byLibraryName.containsKey(n) && !alreadyLoaded.test(n)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A needed name nobody provides is fine (system library) unless a required package was meant to provide it. */
    private void checkRequiredStillProvides(FoundPackage p, LibraryEntry l, String needed) {
        String base = stem(normalize(needed));
        for (PackageRequirement r : p.descriptor().requires()) {
            if (!byKey.containsKey(r.key())) {
                continue;
            }
            FoundPackage dep = unique(r.key(), "required by " + p.descriptor().coordinates() + " (built against "
                    + r.version() + ")");
            for (String name : providedNames(dep.descriptor())) {
                if (stem(normalize(name)).equals(base)) {
                    throw new DependencyException(p.descriptor().coordinates() + ": " + l.path() + " needs " + needed
                            + ", but " + dep.descriptor().coordinates() + " in " + dep.origin() + " provides "
                            + name + " instead (it was built against " + r + "). Use the version of "
                            + r.key() + " it was built against, or rebuild " + p.descriptor().coordinates()
                            + " against " + dep.descriptor().version() + ".");
                }
            }
        }
    }

    private FoundPackage required(FoundPackage p, PackageRequirement r, String why) {
        List<FoundPackage> candidates = byKey.get(r.key());
        if (candidates == null) {
            throw new DependencyException(p.descriptor().coordinates() + " [" + p.descriptor().platform() + "] needs "
                    + "the native package " + r + ", which is not on the class path. Add it:\n"
                    + "  <dependency>\n    <groupId>" + r.groupId() + "</groupId>\n    <artifactId>" + r.artifactId()
                    + "</artifactId>\n    <version>" + r.version() + "</version>\n    <classifier>"
                    + p.descriptor().platform() + "</classifier>\n  </dependency>");
        }
        FoundPackage found = unique(r.key(), why);
        String have = found.descriptor().version();
        if (!r.range().contains(have)) {
            throw new DependencyException(p.descriptor().coordinates() + " was built against " + r + " and accepts "
                    + r.range() + ", but the class path has " + found.descriptor().coordinates() + " ("
                    + found.origin() + "). Depend on " + r.key() + " " + r.range()
                    + " (align the versions, e.g. with the family BOM), or rebuild "
                    + p.descriptor().artifactId() + " against " + have + ".");
        }
        return found;
    }

    /**
     * @param why why the package is needed, for the variant chooser's report and messages
     * @return the package of {@code key}: the only one, or the variant chosen the first time it was met
     */
    private FoundPackage unique(String key, String why) {
        FoundPackage done = taken.get(key);
        if (done != null) {
            return done;
        }
        List<FoundPackage> candidates = byKey.get(key);
        boolean plain = candidates.size() == 1 && candidates.get(0).descriptor().variant() == null;
        if (!plain && VariantChooser.variantsOfOne(candidates)) {
            if (chooser == null) {
                chooser = VariantChooser.forThisMachine();
            }
            done = chooser.choose(candidates, why);
            taken.put(key, done);
            return done;
        }
        if (candidates.size() > 1) {
            StringBuilder m = new StringBuilder("Two versions of the native package " + key + " are on the class"
                    + " path:\n");
            candidates.forEach(c -> m.append("  ").append(c.descriptor().coordinates())
                    .append(c.descriptor().variant() == null ? "" : " [" + c.descriptor().classifier() + "]")
                    .append(" in ")
                    .append(c.origin()).append('\n'));
            m.append("Keep one (check `mvn dependency:tree`; align versions with dependencyManagement or a BOM).");
            throw new DependencyException(m.toString());
        }
        taken.put(key, candidates.get(0));
        return candidates.get(0);
    }

    private static Set<String> providedNames(PackageDescriptor d) {
        return d.libraryNames().keySet();
    }

    private String normalize(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return caseInsensitive ? last.toLowerCase(Locale.ROOT) : last;
    }

    /** {@code libfoo.so.1} and {@code libfoo.so.2} share the stem {@code libfoo.so}; likewise for dylibs and DLLs. */
    private static String stem(String name) {
        return name.replaceFirst("(\\.so)(\\.[0-9].*)$", "$1").replaceFirst("(\\.[0-9]+)+\\.dylib$", ".dylib")
                .replaceFirst("-[0-9]+\\.dll$", ".dll");
    }

    private static String key(PackageDescriptor d) {
        return d.groupId() + ":" + d.artifactId();
    }
}
