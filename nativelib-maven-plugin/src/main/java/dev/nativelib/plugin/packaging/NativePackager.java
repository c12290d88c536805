package dev.nativelib.plugin.packaging;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.binary.BinaryInfo;
import dev.nativelib.loader.binary.BinaryReader;
import dev.nativelib.loader.descriptor.AliasEntry;
import dev.nativelib.loader.descriptor.DescriptorFormat;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.LibraryNames;
import dev.nativelib.loader.descriptor.LoadOrder;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.loader.descriptor.PackageRequirement;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.plugin.cmake.CMakePackageWriter;
import dev.nativelib.plugin.cmake.CMakeSettings;
import dev.nativelib.plugin.pkgconfig.PkgConfigMode;
import dev.nativelib.plugin.pkgconfig.PkgConfigRelocator;
import dev.nativelib.plugin.pkgconfig.PkgConfigWriter;
import dev.nativelib.loader.descriptor.Sha256;
import dev.nativelib.plugin.audit.AuditedLibrary;
import dev.nativelib.plugin.relocate.RunPathRewriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a classifier JAR from an install prefix in two steps: {@link #prepare} scans the prefix, reads every
 * library's binary, optionally relocates run paths, orders the libraries and describes them; {@link #write} writes
 * the JAR. The audit runs in between, so a package that fails it is never written.
 */
public final class NativePackager {

    private static final String MANIFEST = "Manifest-Version: 1.0\r\nCreated-By: nativelib-maven-plugin\r\n\r\n";

    private NativePackager() {
    }

    /**
     * Prepares and writes in one step, without an audit.
     *
     * @param request what to package and where to write it
     * @return the descriptor written into the JAR
     * @throws PackagingException if the prefix cannot be packaged; the message says how to fix it
     */
    public static PackageDescriptor build(PackageRequest request) throws PackagingException {
        PreparedPackage prepared = prepare(request);
        write(prepared);
        return prepared.descriptor();
    }

    /**
     * @param request what to package
     * @return the package, described but not written
     * @throws PackagingException if the prefix cannot be packaged; the message says how to fix it
     */
    public static PreparedPackage prepare(PackageRequest request) throws PackagingException {
        PackageRequest.Coordinates coordinates = request.coordinates();
        CMakeSettings requested = request.cmake().settings();
        PrefixContents contents = PrefixScanner.scan(request.layout(),
                requested == null ? List.of() : requested.includeDirectories(), coordinates.platform());
        Path prefix = request.layout().prefix();
        Map<String, Path> sources = new LinkedHashMap<>();
        List<String> rewrites = new ArrayList<>();
        List<LibraryEntry> libraries = new ArrayList<>();
        List<AuditedLibrary> audited = new ArrayList<>();
        Map<String, String> namesSeen = new HashMap<>();
        for (String path : contents.libraries()) {
            Path file = prefix.resolve(path);
            String name = LibraryNames.logicalName(file.getFileName().toString());
            String previous = namesSeen.putIfAbsent(name, path);
            if (previous != null) {
                throw new PackagingException("Install prefix " + prefix + " holds two libraries named '" + name
                        + "': " + previous + " and " + path + ". Remove the stale one (clean the install prefix"
                        + " and install again), or make one of them a symbolic link to the other.");
            }
            try {
                List<BinaryInfo> slices = BinaryReader.read(file);
                if (request.output().rewriteRunPaths() && slices.get(0).format() == BinaryFormat.ELF
                        && slices.get(0).runPaths().stream().anyMatch(r -> r.startsWith("/"))) {
                    Path staged = request.output().stagingDirectory().resolve(path);
                    Files.createDirectories(staged.getParent());
                    Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING);
                    rewrites.addAll(RunPathRewriter.rewrite(staged, path, prefix));
                    file = staged;
                    slices = BinaryReader.read(file);
                }
                sources.put(path, file);
                audited.add(new AuditedLibrary(path, slices));
                libraries.add(entry(path, name, file, slices));
            } catch (dev.nativelib.loader.binary.MalformedBinaryException e) {
                throw new PackagingException(path + " in " + prefix + " is not a shared library nativelib can read: "
                        + e.getMessage() + ". Remove it from the install prefix, or install the real library.", e);
            } catch (IOException e) {
                throw new PackagingException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        List<AliasEntry> aliases = new ArrayList<>();
        for (PrefixContents.Alias a : contents.aliases()) {
            try {
                aliases.add(new AliasEntry(a.path(), a.target()));
            } catch (IllegalArgumentException e) {
                throw new PackagingException("Symbolic link " + a.path() + " in " + prefix + " cannot be packaged: "
                        + e.getMessage() + ". Make its target a relative path of plain names, such as libfoo.so.1 or"
                        + " ../lib64/libfoo.so.1.", e);
            }
        }
        for (String global : request.globalLibraries()) {
            if (libraries.stream().noneMatch(l -> l.name().equals(global))) {
                throw new PackagingException("<globalLibraries> names '" + global + "', but " + prefix + " has no"
                        + " library of that name; its libraries are: " + String.join(", ",
                        libraries.stream().map(LibraryEntry::name).toList()) + ".");
            }
        }
        libraries.replaceAll(l -> request.globalLibraries().contains(l.name()) ? l.asGlobal() : l);
        List<LibraryEntry> ordered;
        try {
            ordered = LoadOrder.sort(libraries, aliases, coordinates.platform().os().equals("windows"));
        } catch (IllegalArgumentException e) {
            throw new PackagingException("Cannot order the libraries of " + prefix + ": " + e.getMessage(), e);
        }
        for (String path : contents.headers()) {
            sources.put(path, prefix.resolve(path));
        }
        for (String path : contents.importLibraries()) {
            sources.put(path, prefix.resolve(path));
        }
        for (String path : contents.staticLibraries()) {
            sources.put(path, prefix.resolve(path));
        }
        List<PackageRequirement> requires = request.dependencies().stream()
                .map(p -> new PackageRequirement(p.descriptor().groupId(), p.descriptor().artifactId(),
                        p.descriptor().version()))
                .distinct().toList();
        boolean ownCMake = request.cmake().keepExisting() && !contents.cmakeFiles().isEmpty();
        List<LeftOut> leftOut = new ArrayList<>(contents.leftOut());
        if (ownCMake) {
            contents.cmakeFiles().forEach(path -> sources.put(path, prefix.resolve(path)));
        } else {
            contents.cmakeFiles().forEach(path -> leftOut.add(new LeftOut(path, LeftOut.Reason.CMAKE_REPLACED, null)));
            leftOut.sort((a, b) -> a.path().compareTo(b.path()));
        }
        CMakeSettings cmake = ownCMake ? null : requested;
        PackageDescriptor descriptor;
        try {
            descriptor = new PackageDescriptor(coordinates.groupId(), coordinates.artifactId(),
                    coordinates.version(), coordinates.platform(), ordered, aliases, requires, cmake == null ? null : cmake.packageName(),
                    cmake == null ? null : cmake.namespace()).withVariant(request.variant());
        } catch (IllegalArgumentException e) {
            // The loader would refuse the descriptor: a link leading to no library of the prefix, for one.
            throw new PackagingException("Cannot package " + prefix + ": " + e.getMessage()
                    + (e.getMessage().startsWith("alias ") ? ". Point each symbolic link of the library directories"
                    + " at a shared library there, or remove it." : ""), e);
        }
        Map<String, byte[]> generated = new LinkedHashMap<>();
        if (cmake != null) {
            generated.putAll(CMakePackageWriter.write(descriptor, cmake, contents.includePath(),
                    contents.importLibraries(), contents.staticLibraries(), cmakeDependencies(request.dependencies())));
        }
        generated.putAll(pkgConfig(request, descriptor, contents, rewrites, leftOut, sources.keySet()));
        Set<String> aliasNames = new LinkedHashSet<>();
        aliases.forEach(a -> aliasNames.add(a.path().substring(a.path().lastIndexOf('/') + 1)));
        PackageSummary summary = new PackageSummary(contents.includePath(), contents.staticLibraries(), leftOut);
        return new PreparedPackage(request, descriptor, sources, generated, audited, aliasNames, rewrites, summary);
    }

    /**
     * The package's pkg-config files: the install prefix's own, relocated, or one generated per library (see
     * {@link PkgConfigMode}).
     */
    private static Map<String, byte[]> pkgConfig(PackageRequest request, PackageDescriptor descriptor,
                                                 PrefixContents contents, List<String> rewrites,
                                                 List<LeftOut> leftOut, Set<String> packaged)
            throws PackagingException {
        Path prefix = request.layout().prefix();
        List<String> shipped = contents.pkgConfigFiles();
        if (request.pkgConfig() != PkgConfigMode.AUTO || shipped.isEmpty()) {
            shipped.forEach(path -> leftOut.add(new LeftOut(path, LeftOut.Reason.PKG_CONFIG, null)));
            leftOut.sort((a, b) -> a.path().compareTo(b.path()));
        }
        if (request.pkgConfig() == PkgConfigMode.NONE) {
            return Map.of();
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (request.pkgConfig() == PkgConfigMode.AUTO && !shipped.isEmpty()) {
            try {
                List<String> roots = List.of(prefix.toAbsolutePath().normalize().toString(),
                        prefix.toRealPath().toString());
                for (String path : shipped) {
                    PkgConfigRelocator.Relocated relocated;
                    try {
                        relocated = PkgConfigRelocator.relocate(path,
                                PkgConfigRelocator.decode(Files.readAllBytes(prefix.resolve(path))), roots);
                    } catch (IllegalArgumentException e) {
                        throw new PackagingException("Cannot ship the pkg-config files of " + prefix + ": "
                                + e.getMessage() + ", so consumers would compile or link against that path on their"
                                + " own machine, not against this package. Make"
                                + " it relative to ${prefix} in the install step, or leave the shipped .pc files out"
                                + " and generate one per library with <pkgConfig>generate</pkgConfig>"
                                + " (-Dnativelib.pkgConfig=generate).", e);
                    }
                    for (String dir : PkgConfigRelocator.includeDirectories(path, relocated.text())) {
                        if (packaged.stream().noneMatch(f -> f.startsWith(dir + "/"))) {
                            throw new PackagingException(path + " in " + prefix + " names the include directory "
                                    + dir + " in its Cflags, but no file of it would be packaged, so a consumer"
                                    + " built through pkg-config would search a directory missing from the"
                                    + " package. Add " + dir + " to <cmakeIncludeDirectories> (it is then packaged"
                                    + " and on the CMake targets' include path too), change <includes>/<excludes>,"
                                    + " or generate the .pc files instead with <pkgConfig>generate</pkgConfig>.");
                        }
                    }
                    out.put(path, PkgConfigRelocator.encode(relocated.text()));
                    rewrites.addAll(relocated.changes());
                }
                return out;
            } catch (IOException e) {
                throw new PackagingException("Cannot read the pkg-config files of " + prefix + ": " + e.getMessage(),
                        e);
            }
        }
        CMakeSettings cmake = request.cmake().settings();
        try {
            return PkgConfigWriter.write(descriptor, contents.includePath(), cmake == null ? List.of()
                    : cmake.compileDefinitions(), contents.importLibraries(),
                    pkgConfigDependencies(request.dependencies()));
        } catch (IllegalArgumentException e) {
            throw new PackagingException("Cannot write pkg-config files for " + prefix + ": " + e.getMessage()
                    + ". Rename the library, or package no .pc files with <pkgConfig>none</pkgConfig>.", e);
        }
    }

    /**
     * The required packages, with the pkg-config module that provides each name their libraries can be needed by:
     * a library's generated {@code .pc}, where its package carries one.
     */
    private static List<PkgConfigWriter.Dependency> pkgConfigDependencies(List<FoundPackage> dependencies) {
        List<PkgConfigWriter.Dependency> out = new ArrayList<>();
        for (FoundPackage p : dependencies) {
            Map<String, Boolean> hasFile = new HashMap<>();
            Map<String, String> providers = new LinkedHashMap<>();
            p.descriptor().libraryNames().forEach((name, l) -> {
                if (hasFile.computeIfAbsent(l.name(), n -> carries(p, PkgConfigWriter.DIRECTORY + n + ".pc"))) {
                    providers.put(name, l.name());
                }
            });
            if (!providers.isEmpty()) {
                out.add(new PkgConfigWriter.Dependency(p.descriptor().version(), providers));
            }
        }
        return out;
    }

    private static boolean carries(FoundPackage p, String path) {
        try (InputStream in = p.open(path)) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The required packages that carry CMake files, with the names their libraries can be needed by. */
    private static List<CMakePackageWriter.Dependency> cmakeDependencies(List<FoundPackage> dependencies) {
        List<CMakePackageWriter.Dependency> out = new ArrayList<>();
        for (FoundPackage p : dependencies) {
            PackageDescriptor d = p.descriptor();
            if (d.cmakeName() == null) {
                continue;
            }
            Map<String, String> providers = new LinkedHashMap<>();
            d.libraryNames().forEach((name, l) -> providers.put(name, l.name()));
            out.add(new CMakePackageWriter.Dependency(d.cmakeName(), d.cmakeNamespace(), d.version(), providers));
        }
        return out;
    }

    private static LibraryEntry entry(String path, String name, Path file, List<BinaryInfo> slices)
            throws IOException {
        BinaryInfo first = slices.get(0);
        Set<String> needed = new LinkedHashSet<>();
        Set<String> runPaths = new LinkedHashSet<>();
        Set<String> arches = new TreeSet<>();
        for (BinaryInfo s : slices) {
            needed.addAll(s.needed());
            runPaths.addAll(s.runPaths());
            arches.add(s.architecture());
        }
        return new LibraryEntry(path, name, Files.size(file), Sha256.of(file), first.identity(),
                String.join(",", arches), List.copyOf(needed), List.copyOf(runPaths), first.minimumGlibc(),
                first.minimumOs());
    }

    /**
     * @param prepared a package that passed the audit
     * @throws PackagingException if the JAR cannot be written
     */
    public static void write(PreparedPackage prepared) throws PackagingException {
        write(prepared, false);
    }

    /**
     * @param prepared       a package that passed the audit
     * @param storeLibraries whether to store the libraries uncompressed: a larger JAR, but the loader's first
     *                       extraction becomes a plain copy
     * @throws PackagingException if the JAR cannot be written
     */
    public static void write(PreparedPackage prepared, boolean storeLibraries) throws PackagingException {
        write(prepared, storeLibraries, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param prepared       a package that passed the audit
     * @param storeLibraries whether to store the libraries uncompressed: a larger JAR, but the loader's first
     *                       extraction becomes a plain copy
     * @param threads        how many entries to compress at once (at least 1); the JAR's bytes do not depend on it
     * @throws PackagingException if the JAR cannot be written
     */
    public static void write(PreparedPackage prepared, boolean storeLibraries, int threads)
            throws PackagingException {
        PackageRequest.Output output = prepared.request().output();
        // Named by the classifier, so that the variants of one platform can sit on one class path side by side.
        String root = PackageLayout.packageRoot(prepared.descriptor());
        ReproducibleJarWriter jar = new ReproducibleJarWriter(output.timestamp());
        jar.add("META-INF/MANIFEST.MF", MANIFEST.getBytes(StandardCharsets.UTF_8));
        jar.add(PackageLayout.INDEX, (PackageLayout.indexEntry(prepared.descriptor()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        jar.add(root + PackageLayout.DESCRIPTOR, DescriptorFormat.write(prepared.descriptor()));
        java.util.Set<String> libraries = new java.util.HashSet<>();
        prepared.descriptor().libraries().forEach(l -> libraries.add(l.path()));
        prepared.sources().forEach((path, file) -> {
            if (storeLibraries && libraries.contains(path)) {
                jar.addStored(root + path, file);
            } else {
                jar.add(root + path, file);
            }
        });
        prepared.generated().forEach((path, bytes) -> jar.add(root + path, bytes));
        try {
            jar.write(output.jar(), threads);
        } catch (IOException e) {
            throw new PackagingException("Cannot write " + output.jar() + ": " + e.getMessage(), e);
        }
    }
}
