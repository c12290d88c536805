package dev.nativelib.loader;

import dev.nativelib.loader.settings.Settings;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.discovery.PackageFinder;
import dev.nativelib.loader.discovery.PackageSelector;
import dev.nativelib.loader.discovery.VariantChooser;
import dev.nativelib.loader.graph.DependencyGraph;
import dev.nativelib.loader.override.LibrarySource;
import dev.nativelib.loader.override.Overrides;
import dev.nativelib.loader.override.SystemLibraries;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.loader.platform.PlatformDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decides what {@code load(name)} loads, without loading anything: the package that provides the name for the
 * platform, the packages it needs in load order with the reason for each, and where each library would come from.
 * {@link FullLoad} loads what this decides, and {@code java -jar nativelib-loader.jar} ({@link Main}) prints it, so
 * "what would load" and "what loads" cannot differ.
 */
final class Resolver {

    private Resolver() {
    }

    /**
     * The outcome: the requested package, the load order with its reasons and, when packages of the platform have
     * variants, the machine's properties and the chooser's account of each choice.
     */
    static final class Resolution {
        final FoundPackage requested;
        final List<DependencyGraph.Step> steps;
        /** The chooser, when a package of the platform has variants; else {@code null} (nothing detected). */
        final VariantChooser variants;

        Resolution(FoundPackage requested, List<DependencyGraph.Step> steps, VariantChooser variants) {
            this.requested = requested;
            this.steps = steps;
            this.variants = variants;
        }

        /** @return the machine's signature when a choice among variants depended on it, else {@code null} */
        String machineSignature() {
            return variants == null || variants.machine() == null ? null : variants.machine().signature();
        }

        /** @return the stamp of what that signature was detected from, or {@code null} */
        String machineStamp() {
            return variants == null || variants.machine() == null ? null : variants.machine().stamp();
        }

        /** @return the packages to load, dependencies first, the requested one last */
        List<FoundPackage> order() {
            List<FoundPackage> order = new ArrayList<>();
            for (DependencyGraph.Step step : steps) {
                order.add(step.pkg());
            }
            return order;
        }
    }

    /**
     * @param name the name asked for
     * @return the platform to load for: {@code -Dnativelib.platform}, else detected
     * @throws NativeLoaderException if the setting is not a platform name
     */
    static Platform platform(String name) {
        try {
            return PlatformDetector.current();
        } catch (IllegalArgumentException e) {
            throw new NativeLoaderException("Cannot load '" + name + "': -D" + Settings.PLATFORM.property()
                    + " is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * @param all           every package the class loader sees ({@link #find})
     * @param name          a library's logical name or a package's artifactId
     * @param platform      the platform to load for
     * @param alreadyMapped whether a SONAME no package provides is acceptable because the process has it loaded
     * @return what loading {@code name} loads, in order
     * @throws RuntimeException with a message for the user when no package provides it, no variant of a package
     *                          fits the machine, or the graph is broken
     */
    static Resolution resolve(List<FoundPackage> all, String name, Platform platform,
                              Predicate<String> alreadyMapped) {
        return resolve(all, name, platform, alreadyMapped, null);
    }

    /**
     * As {@link #resolve(List, String, Platform, Predicate)}, with the machine's properties from {@code machine}.
     *
     * @param all           every package the class loader sees
     * @param name          a library's logical name or a package's artifactId
     * @param platform      the platform to load for
     * @param alreadyMapped whether a SONAME no package provides is acceptable because the process has it loaded
     * @param machine       gives the machine's properties when a choice among variants needs them; {@code null} for
     *                      a load's own way ({@link VariantChooser#forThisMachine()}: the machine record, else
     *                      detection)
     * @return what loading {@code name} loads, in order
     * @throws RuntimeException with a message for the user, as the other form
     */
    static Resolution resolve(List<FoundPackage> all, String name, Platform platform,
                              Predicate<String> alreadyMapped,
                              java.util.function.Supplier<dev.nativelib.loader.hardware.MachineProperties> machine) {
        List<FoundPackage> here = new ArrayList<>();
        boolean variants = false;
        for (FoundPackage p : all) {
            if (p.descriptor().platform().equals(platform)) {
                here.add(p);
                variants |= p.descriptor().variant() != null;
            }
        }
        // Only a class path with variants for this platform pays for the chooser (and, when it has to choose, for
        // detecting the machine): a load without variants loads no class it did not load before.
        VariantChooser chooser = !variants ? null
                : machine == null ? VariantChooser.forThisMachine() : new VariantChooser(machine);
        FoundPackage requested = PackageSelector.select(name, platform, all, chooser);
        List<DependencyGraph.Step> steps = new DependencyGraph(here, alreadyMapped, chooser).explain(requested);
        return new Resolution(requested, steps, chooser);
    }

    /**
     * @param classLoader where to look
     * @return every package it sees, for every platform
     */
    static List<FoundPackage> find(ClassLoader classLoader) {
        return PackageFinder.find(classLoader);
    }

    /**
     * @param d a package's descriptor
     * @return what the settings say about where its libraries come from
     * @throws NativeLoaderException if a setting for it is invalid
     */
    static Overrides.Decision decision(PackageDescriptor d) {
        try {
            return Overrides.current().forPackage(d.artifactId());
        } catch (IllegalArgumentException e) {
            throw new NativeLoaderException("Cannot load " + d.coordinates() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param d        a package's descriptor
     * @param dir      where its files are (extracted, or in place)
     * @param decision {@link #decision(PackageDescriptor)}
     * @return for each library, in load order, the file it is loaded from and why
     */
    static List<LibrarySource.Choice> sources(PackageDescriptor d, Path dir, Overrides.Decision decision) {
        SystemLibraries system = decision.preferSystem()
                ? SystemLibraries.forPlatform(d.platform(), System.getenv()) : null;
        List<LibrarySource.Choice> choices = new ArrayList<>();
        for (LibraryEntry library : d.libraries()) {
            choices.add(LibrarySource.choose(library, dir.resolve(library.path()), decision, system));
        }
        return choices;
    }
}
