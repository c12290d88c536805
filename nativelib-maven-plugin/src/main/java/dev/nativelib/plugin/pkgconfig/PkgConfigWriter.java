package dev.nativelib.plugin.pkgconfig;

import dev.nativelib.loader.descriptor.AliasEntry;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.plugin.cmake.CMakePackageWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes one relocatable pkg-config file per library of a package, {@code lib/pkgconfig/<name>.pc}, named after the
 * library's logical name (the name {@code NativeLoader.load} takes: {@code greet} for {@code libgreet.so.1}), so
 * Meson's {@code dependency('greet')}, autotools' {@code PKG_CHECK_MODULES} and {@code pkg-config --cflags --libs greet}
 * find it. Every path is computed from {@code ${pcfiledir}}, the directory pkg-config found the file in, so the
 * unpacked package works wherever it is moved. {@code Requires:} names the other libraries of the package and of the
 * required packages that the library needs, as its CMake target's {@code INTERFACE_LINK_LIBRARIES} does.
 */
public final class PkgConfigWriter {

    /** Where the generated files go, relative to the package root. */
    public static final String DIRECTORY = "lib/pkgconfig/";

    private static final String MODULE_NAME = "[A-Za-z0-9_.+-]+";

    private PkgConfigWriter() {
    }

    /**
     * A native package this one requires, as its pkg-config files must refer to it.
     *
     * @param version   the version built against; {@code Requires:} asks for it or newer
     * @param providers needed name (SONAME, file or alias name) to the pkg-config module that provides it
     */
    public record Dependency(String version, Map<String, String> providers) {

        /**
         * Copies the map.
         *
         * @param version   the version built against
         * @param providers needed name to the pkg-config module that provides it
         */
        public Dependency {
            providers = Map.copyOf(providers);
        }
    }

    /**
     * @param d                  the package's descriptor (libraries in load order)
     * @param includeDirectories include directories of the package, relative to its root, that exist in it
     * @param compileDefinitions definitions consumers compile with, e.g. {@code GREET_SHARED}
     * @param importLibraries    Windows import libraries in the package, by path
     * @param dependencies       the native packages it requires
     * @return file contents by path relative to the package root, in library order
     * @throws IllegalArgumentException if a library's logical name holds characters other than letters, digits and
     *                                  {@code _ . + -}, which cannot name a pkg-config module
     */
    public static Map<String, byte[]> write(PackageDescriptor d, List<String> includeDirectories,
                                            List<String> compileDefinitions, List<String> importLibraries,
                                            List<Dependency> dependencies) {
        Map<String, String> local = new HashMap<>();
        d.libraryNames().forEach((name, l) -> local.put(name, l.name()));
        Map<String, LibraryEntry> linkedBy = devLinks(d);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (LibraryEntry l : d.libraries()) {
            if (!l.name().matches(MODULE_NAME)) {
                throw new IllegalArgumentException("library " + l.path() + " has the logical name '" + l.name()
                        + "', which cannot name a pkg-config module (letters, digits and _ . + - only)");
            }
            Set<String> requires = new LinkedHashSet<>();
            for (String needed : l.needed()) {
                String key = lastSegment(needed);
                String own = local.get(key);
                if (own != null && !own.equals(l.name())) {
                    requires.add(own);
                }
                for (Dependency dep : dependencies) {
                    String module = dep.providers().get(key);
                    if (module != null) {
                        requires.add(module + " >= " + CMakePackageWriter.cmakeVersion(dep.version()));
                    }
                }
            }
            files.put(DIRECTORY + l.name() + ".pc", text(d, l, link(l, linkedBy, importLibraries),
                    includeDirectories, compileDefinitions, requires).getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    /** The library directory and the flag that links against a library from it. */
    private record Link(String libdir, String flag) {
    }

    private static String text(PackageDescriptor d, LibraryEntry l, Link link, List<String> includeDirectories,
                               List<String> compileDefinitions, Set<String> requires) {
        StringBuilder out = new StringBuilder();
        out.append("# Generated by nativelib-maven-plugin for ").append(d.coordinates()).append(" (")
                .append(d.platform()).append(").\n");
        out.append("# Do not edit: it is rewritten on every build. Paths are computed from this file's directory,\n");
        out.append("# ${pcfiledir}, so the package keeps working wherever it is unpacked or moved.\n");
        out.append("prefix=${pcfiledir}/../..\n");
        out.append("libdir=${prefix}").append(link.libdir().isEmpty() ? "" : "/" + escape(link.libdir()))
                .append('\n');
        if (!includeDirectories.isEmpty()) {
            out.append("includedir=${prefix}/").append(escape(includeDirectories.get(0))).append('\n');
        }
        out.append('\n');
        out.append("Name: ").append(l.name()).append('\n');
        out.append("Description: ").append(l.fileName()).append(" from ").append(d.coordinates())
                .append(", packaged by nativelib\n");
        out.append("Version: ").append(escape(d.version())).append('\n');
        if (!requires.isEmpty()) {
            out.append("Requires: ").append(String.join(", ", requires)).append('\n');
        }
        out.append("Libs: -L${libdir} ").append(link.flag()).append('\n');
        StringBuilder cflags = new StringBuilder();
        for (int i = 0; i < includeDirectories.size(); i++) {
            cflags.append(i == 0 ? " -I${includedir}" : " -I${prefix}/" + escape(includeDirectories.get(i)));
        }
        compileDefinitions.forEach(def -> cflags.append(" -D").append(escape(def)));
        if (cflags.length() > 0) {
            out.append("Cflags:").append(cflags).append('\n');
        }
        return out.toString();
    }

    /**
     * How a linker finds the library: {@code -l<n>} when a development link {@code lib<n>.so} (or {@code .dylib})
     * beside it points at it, or it has that name itself; on Windows the import library; otherwise the file by name
     * ({@code -l:libfoo.so.1}, which GNU ld and lld accept) or, for a Mach-O file, by path.
     */
    private static Link link(LibraryEntry l, Map<String, LibraryEntry> linkedBy, List<String> importLibraries) {
        String dir = directory(l.path());
        String file = l.fileName();
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".dll")) {
            String implib = importLibraryFor(l, importLibraries);
            if (implib == null) {
                return new Link(dir, "-l:" + escape(file));
            }
            String implibFile = lastSegment(implib);
            String lowerImplib = implibFile.toLowerCase(Locale.ROOT);
            String stem = lowerImplib.endsWith(".dll.a") ? implibFile.substring(0, implibFile.length() - 6)
                    : lowerImplib.endsWith(".a") ? implibFile.substring(0, implibFile.length() - 2) : null;
            return new Link(directory(implib), stem != null && stem.startsWith("lib") && stem.length() > 3
                    ? "-l" + escape(stem.substring(3)) : "-l:" + escape(implibFile));
        }
        String suffix = lower.endsWith(".dylib") ? ".dylib" : ".so";
        String preferred = "lib" + l.name() + suffix;
        String devName = null;
        if (file.equals(preferred) || linkedBy.get(join(dir, preferred)) == l) {
            devName = preferred;
        } else {
            // libfoo.so itself; not libfoo.2.dylib, whose -lfoo.2 works but reads as a mistake.
            if (file.startsWith("lib") && file.endsWith(suffix)
                    && !file.substring(3, file.length() - suffix.length()).contains(".")) {
                devName = file;
            }
            for (Map.Entry<String, LibraryEntry> e : linkedBy.entrySet()) {
                String name = lastSegment(e.getKey());
                if (devName == null && e.getValue() == l && directory(e.getKey()).equals(dir)
                        && name.startsWith("lib") && name.endsWith(suffix)) {
                    devName = name;
                }
            }
        }
        if (devName != null) {
            return new Link(dir, "-l" + escape(devName.substring(3, devName.length() - suffix.length())));
        }
        return new Link(dir, suffix.equals(".dylib") ? "${libdir}/" + escape(file) : "-l:" + escape(file));
    }

    /** Every alias path to the library it ends at, through other aliases. */
    private static Map<String, LibraryEntry> devLinks(PackageDescriptor d) {
        Map<String, LibraryEntry> byPath = new HashMap<>();
        d.libraries().forEach(l -> byPath.put(l.path(), l));
        Map<String, String> targets = new HashMap<>();
        d.aliases().forEach(a -> targets.put(a.path(), a.resolvedTarget()));
        Map<String, LibraryEntry> out = new LinkedHashMap<>();
        for (AliasEntry a : d.aliases()) {
            String at = a.resolvedTarget();
            // The descriptor refuses cycles; the bound only keeps a damaged one from looping.
            for (int i = 0; i <= targets.size() && !byPath.containsKey(at) && targets.containsKey(at); i++) {
                at = targets.get(at);
            }
            if (byPath.containsKey(at)) {
                out.put(a.path(), byPath.get(at));
            }
        }
        return out;
    }

    private static String importLibraryFor(LibraryEntry l, List<String> importLibraries) {
        String dll = l.fileName().substring(0, l.fileName().length() - 4).toLowerCase(Locale.ROOT);
        for (String implib : importLibraries) {
            String base = lastSegment(implib).toLowerCase(Locale.ROOT);
            base = base.endsWith(".dll.a") ? base.substring(0, base.length() - 6)
                    : base.substring(0, base.lastIndexOf('.'));
            if (base.equals(dll) || base.equals("lib" + dll) || ("lib" + base).equals(dll)) {
                return implib;
            }
        }
        return null;
    }

    private static String directory(String path) {
        return path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    private static String lastSegment(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** pkg-config expands {@code $}, splits on blanks and ends a line at {@code #}. */
    static String escape(String s) {
        return s.replace("$", "$$").replace(" ", "\\ ").replace("#", "\\#");
    }
}
