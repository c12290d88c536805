package dev.nativelib.loader;

import dev.nativelib.loader.settings.Settings;
import dev.nativelib.loader.cache.CacheDirectory;
import dev.nativelib.loader.cache.PackageExtractor;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.graph.DependencyGraph;
import dev.nativelib.loader.hardware.HardwareDetector;
import dev.nativelib.loader.hardware.MachineProperties;
import dev.nativelib.loader.override.LibrarySource;
import dev.nativelib.loader.platform.Libc;
import dev.nativelib.loader.platform.LibcDetector;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.loader.diagnostics.MappedFiles;
import java.io.File;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar nativelib-loader.jar [--classpath <path>] [<name>...]}: prints the detected platform, the cache,
 * the native packages found, the machine's properties when packages of the platform have variants, and for each name
 * (or each package of this platform) which variant of each package with variants it would take and why each other
 * is not taken, the order it would load packages in, why each is needed, and where each library would be loaded
 * from. Loads nothing.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args {@code --classpath <path>} to inspect other JARs than this JVM's class path, then names
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        List<String> names = new ArrayList<>();
        String classpath = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--classpath") || args[i].equals("-cp")) {
                if (i + 1 == args.length) {
                    out.println("error: " + args[i] + " needs a value (entries separated by " + File.pathSeparator
                            + ")");
                    return 2;
                }
                classpath = args[++i];
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println("usage: java -jar nativelib-loader.jar [--classpath <path>] [<library or package>...]");
                return 0;
            } else {
                names.add(args[i]);
            }
        }
        ClassLoader loader;
        try {
            loader = classpath == null ? Main.class.getClassLoader() : classLoader(classpath);
        } catch (MalformedURLException e) {
            out.println("error: bad class path entry: " + e.getMessage());
            return 2;
        }
        Platform platform;
        try {
            platform = Resolver.platform("");
        } catch (NativeLoaderException e) {
            out.println("error: -D" + Settings.PLATFORM.property() + ": " + e.getCause().getMessage());
            return 2;
        }
        String override = System.getProperty(Settings.PLATFORM.property());
        out.println("platform: " + platform + (override != null && !override.isBlank()
                ? " (from -D" + Settings.PLATFORM.property() + ")"
                : " (detected from os.name=" + System.getProperty("os.name") + ", os.arch="
                + System.getProperty("os.arch") + libc(platform) + ")"));
        Path cache;
        try {
            // The directory loading would use, after the fallback chain; not just the first candidate.
            cache = CacheDirectory.usable();
            out.println("cache: " + cache);
        } catch (java.io.IOException e) {
            cache = CacheDirectory.locate();
            out.println("cache: none usable: " + e.getMessage().replace("\n", "\n  "));
        }
        List<FoundPackage> all;
        try {
            all = Resolver.find(loader);
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
        out.println("packages on the class path: " + (all.isEmpty() ? "none" : ""));
        for (FoundPackage p : all) {
            PackageDescriptor d = p.descriptor();
            out.println("  " + d.coordinates() + " [" + d.classifier() + "]" + (d.platform().equals(platform) ? ""
                    : " (other platform)") + " in " + p.origin());
        }
        List<FoundPackage> here = all.stream().filter(p -> p.descriptor().platform().equals(platform)).toList();
        if (here.stream().anyMatch(p -> p.descriptor().variant() != null)) {
            machine(out);
        }
        if (names.isEmpty()) {
            // One name per package, however many variants of it there are.
            here.stream().map(p -> p.descriptor().artifactId()).distinct().forEach(names::add);
        }
        int status = 0;
        for (String name : names) {
            out.println();
            out.println("load(\"" + name + "\"):");
            try {
                // The same resolution load() makes (this process has none of the libraries mapped), with the machine
                // detected rather than read from a record: the report shows how each property is found, and writes
                // nothing to the cache.
                Resolver.Resolution resolution = Resolver.resolve(all, name, platform, MappedFiles::hasSoname,
                        HardwareDetector::current);
                if (resolution.variants != null) {
                    for (String line : resolution.variants.report()) {
                        out.println("  " + line);
                    }
                }
                int n = 1;
                for (DependencyGraph.Step step : resolution.steps) {
                    PackageDescriptor d = step.pkg().descriptor();
                    out.println("  " + n++ + ". " + d.coordinates()
                            + (d.variant() == null ? "" : " [" + d.classifier() + "]") + ": " + step.why());
                    Path local = step.pkg().localDirectory();
                    Path dir = local != null ? local : PackageExtractor.directory(step.pkg(), cache);
                    List<LibrarySource.Choice> choices = Resolver.sources(d, dir, Resolver.decision(d));
                    for (int i = 0; i < choices.size(); i++) {
                        LibraryEntry l = d.libraries().get(i);
                        LibrarySource.Choice choice = choices.get(i);
                        out.println("       " + choice.file() + (l.soname() == null ? "" : " [" + l.soname() + "]")
                                + ": " + (choice.why().equals("packaged") ? "packaged in " + step.pkg().origin()
                                : choice.why()));
                    }
                }
            } catch (RuntimeException e) {
                out.println("  cannot load: " + e.getMessage().replace("\n", "\n  "));
                status = 1;
            }
        }
        return status;
    }

    /** Prints the machine's properties and how each was found, as variants are chosen by them. */
    private static void machine(PrintStream out) {
        try {
            MachineProperties machine = HardwareDetector.current();
            out.println("machine: " + machine.signature());
            for (String evidence : machine.evidence()) {
                out.println("  " + evidence);
            }
        } catch (IllegalArgumentException e) {
            // The loads below fail with the same message; said here once, where it belongs.
            out.println("machine: cannot tell: " + e.getMessage());
        }
    }

    /** @return why the libc variant was chosen, on Linux, where it is part of the platform */
    private static String libc(Platform platform) {
        if (!platform.os().equals("linux")) {
            return "";
        }
        Libc libc = LibcDetector.current();
        return "; C library " + libc.name() + ": " + libc.evidence();
    }

    private static ClassLoader classLoader(String classpath) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), null);
    }
}
