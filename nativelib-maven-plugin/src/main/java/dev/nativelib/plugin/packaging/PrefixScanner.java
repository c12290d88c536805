package dev.nativelib.plugin.packaging;

import dev.nativelib.loader.descriptor.LibraryNames;
import dev.nativelib.loader.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sorts every file of an install prefix (the output of {@code cmake --install}, or an unpacked distribution package)
 * into what is packaged — shared libraries, their symbolic-link aliases, headers, import libraries, CMake files,
 * static archives when asked for — and what is left out, with the reason.
 */
public final class PrefixScanner {

    private static final Pattern PKG_CONFIG = Pattern.compile("(?:.*/)?pkgconfig/[^/]+\\.pc");
    private static final Pattern DOCUMENTATION = Pattern.compile("share/(?:doc|man|info|gtk-doc)/.*");

    private PrefixScanner() {
    }

    /**
     * @param layout                  the prefix and which of its files to consider
     * @param namedIncludeDirectories include directories the CMake files name beyond the layout's include directory
     *                                (from {@code <cmakeIncludeDirectories>}); each must exist and keep at least one
     *                                file
     * @param platform                the package's platform, whose multiarch tuple names the directories
     *                                distributions keep its files in
     * @return what the prefix holds
     * @throws PackagingException if the prefix is missing, holds no library, has a link leaving the prefix or a
     *                            dangling link to a library, a pattern is invalid, or a named include directory would
     *                            be missing from the package
     */
    public static PrefixContents scan(PackageRequest.Layout layout, List<String> namedIncludeDirectories,
                                      Platform platform) throws PackagingException {
        Path prefix = layout.prefix();
        if (!Files.isDirectory(prefix)) {
            throw new PackagingException("Install prefix " + prefix + " does not exist. Run `cmake --install <build-dir>"
                    + " --prefix " + prefix + "` before packaging, or point <installPrefix> (-Dnativelib.installPrefix)"
                    + " at the directory that holds lib/ and include/.");
        }
        List<PathGlob> includes = globs(layout.includes(), "includes");
        List<PathGlob> excludes = globs(layout.excludes(), "excludes");
        Set<String> named = new LinkedHashSet<>();
        for (String dir : namedIncludeDirectories) {
            named.add(directory(dir, "cmakeIncludeDirectories"));
        }
        String include = directory(layout.includeDirectory(), "includeDirectory");
        named.remove(include);
        List<String> headerDirs = new ArrayList<>();
        headerDirs.add(include);
        headerDirs.addAll(named);
        String tuple = Multiarch.tuple(platform);
        List<String> libraryDirs = new ArrayList<>();
        for (String dir : layout.libraryDirectories()) {
            libraryDirs.add(directory(dir, "libraryDirectories"));
        }
        Path realPrefix;
        try {
            realPrefix = prefix.toRealPath();
        } catch (IOException e) {
            throw new PackagingException("Cannot resolve install prefix " + prefix + ": " + e.getMessage(), e);
        }
        List<String> libraries = new ArrayList<>();
        List<PrefixContents.Alias> aliases = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        List<String> importLibraries = new ArrayList<>();
        List<String> cmakeFiles = new ArrayList<>();
        List<String> staticLibraries = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        List<String> pkgConfigFiles = new ArrayList<>();
        try {
            for (Path file : walk(realPrefix)) {
                String relative = relative(realPrefix, file);
                String name = file.getFileName().toString();
                boolean link = Files.isSymbolicLink(file);
                boolean regular = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
                if (!includes.isEmpty() && includes.stream().noneMatch(g -> g.matches(relative))) {
                    leftOut.add(new LeftOut(relative, LeftOut.Reason.NOT_INCLUDED, null));
                    continue;
                }
                PathGlob excluded = excludes.stream().filter(g -> g.matches(relative)).findFirst().orElse(null);
                if (excluded != null) {
                    leftOut.add(new LeftOut(relative, LeftOut.Reason.EXCLUDED, excluded.toString()));
                    continue;
                }
                String libDir = libraryDirs.stream().filter(d -> relative.startsWith(d + "/")).findFirst().orElse(null);
                if (libDir != null) {
                    if (regular && (relative.startsWith(libDir + "/cmake/")
                            || tuple != null && relative.startsWith(libDir + "/" + tuple + "/cmake/"))) {
                        cmakeFiles.add(relative);
                        continue;
                    }
                    if (regular && LibraryNames.isImportLibrary(name)) {
                        importLibraries.add(relative);
                        continue;
                    }
                    if (LibraryNames.isSharedLibrary(name) && (link || regular)) {
                        if (link) {
                            aliases.add(new PrefixContents.Alias(relative, aliasTarget(realPrefix, file, relative)));
                        } else {
                            libraries.add(relative);
                        }
                        continue;
                    }
                    if (regular && isStaticArchive(name)) {
                        if (layout.staticLibraries()) {
                            staticLibraries.add(relative);
                        } else {
                            leftOut.add(new LeftOut(relative, LeftOut.Reason.STATIC_ARCHIVE, null));
                        }
                        continue;
                    }
                }
                if (headerDirs.stream().anyMatch(d -> relative.startsWith(d + "/"))
                        && Files.isRegularFile(file)) {
                    headers.add(relative);
                } else if (regular && relative.startsWith("share/cmake/")) {
                    cmakeFiles.add(relative);
                } else if (regular && PKG_CONFIG.matcher(relative).matches()
                        && (libDir != null || relative.startsWith("share/pkgconfig/"))) {
                    // Whether they ship (relocated) or give way to generated ones is NativePackager's choice.
                    pkgConfigFiles.add(relative);
                } else if (DOCUMENTATION.matcher(relative).matches()) {
                    leftOut.add(new LeftOut(relative, LeftOut.Reason.DOCUMENTATION, null));
                } else if (link && !Files.exists(file)) {
                    leftOut.add(new LeftOut(relative, LeftOut.Reason.DANGLING_LINK, null));
                } else if (libDir != null) {
                    leftOut.add(new LeftOut(relative, LeftOut.Reason.OTHER_IN_LIBRARY_DIRECTORY, null));
                } else {
                    leftOut.add(new LeftOut(relative, LeftOut.Reason.OUTSIDE, null));
                }
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot read install prefix " + prefix + ": " + e.getMessage(), e);
        }
        if (libraries.isEmpty()) {
            throw new PackagingException("Install prefix " + prefix + " holds no shared library (*.so, *.so.N,"
                    + " *.dylib, *.dll) in " + layout.libraryDirectories() + ". Check that the CMake target is SHARED"
                    + " and installed with install(TARGETS ... LIBRARY DESTINATION lib RUNTIME DESTINATION bin).");
        }
        for (String dir : named) {
            if (!Files.isDirectory(realPrefix.resolve(dir))) {
                throw new PackagingException("<cmakeIncludeDirectories> names " + dir + ", which is not a directory"
                        + " of the install prefix " + prefix + ": the imported targets would name a path missing"
                        + " from the package, and CMake would refuse them. Install the headers there, or remove the"
                        + " entry from <cmakeIncludeDirectories>.");
            }
            if (headers.stream().noneMatch(h -> h.startsWith(dir + "/"))) {
                throw new PackagingException("<cmakeIncludeDirectories> names " + dir + ", but no file of it would"
                        + " be packaged (it is empty, or <includes>/<excludes> leave out every file in it): the"
                        + " imported targets would name a path missing from the package, and CMake would refuse"
                        + " them. Put the headers there, change <includes>/<excludes>, or remove the entry from"
                        + " <cmakeIncludeDirectories>.");
            }
        }
        List<String> includePath = new ArrayList<>();
        // Debian's compilers search include/<tuple> before include: so must the imported targets' consumers.
        if (tuple != null && headers.stream().anyMatch(h -> h.startsWith(include + "/" + tuple + "/"))) {
            includePath.add(include + "/" + tuple);
        }
        if (headers.stream().anyMatch(h -> h.startsWith(include + "/"))) {
            includePath.add(include);
        }
        includePath.addAll(named);
        libraries.sort(null);
        aliases.sort((a, b) -> a.path().compareTo(b.path()));
        headers.sort(null);
        importLibraries.sort(null);
        cmakeFiles.sort(null);
        pkgConfigFiles.sort(null);
        staticLibraries.sort(null);
        leftOut.sort((a, b) -> a.path().compareTo(b.path()));
        return new PrefixContents(prefix, libraries, aliases, headers, importLibraries, cmakeFiles, staticLibraries,
                includePath, leftOut, pkgConfigFiles);
    }

    /**
     * @param fileName a file name
     * @return whether it is a static archive: {@code *.a} but not a MinGW import library {@code *.dll.a}
     */
    static boolean isStaticArchive(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".a") && !lower.endsWith(".dll.a");
    }

    private static List<PathGlob> globs(List<String> patterns, String parameter) throws PackagingException {
        List<PathGlob> out = new ArrayList<>();
        for (String p : patterns) {
            try {
                out.add(PathGlob.compile(p));
            } catch (IllegalArgumentException e) {
                throw new PackagingException("Invalid <" + parameter + "> entry: " + e.getMessage() + ". Write"
                        + " patterns relative to the install prefix, such as lib/**/*.a or share/doc/.", e);
            }
        }
        return out;
    }

    /** A configured directory as a prefix-relative path without a trailing slash. */
    private static String directory(String dir, String parameter) throws PackagingException {
        String d = dir.trim().replace('\\', '/');
        while (d.endsWith("/") && d.length() > 1) {
            d = d.substring(0, d.length() - 1);
        }
        while (d.startsWith("./")) {
            d = d.substring(2);
        }
        if (d.isEmpty() || d.startsWith("/") || d.matches("[A-Za-z]:.*") || ("/" + d + "/").contains("/../")) {
            throw new PackagingException("<" + parameter + "> entry '" + dir + "' must be a directory relative to the"
                    + " install prefix, without '..', such as include, lib or lib/glib-2.0/include.");
        }
        return d;
    }

    private static String aliasTarget(Path prefix, Path link, String relative) throws IOException,
            PackagingException {
        Path target = Files.readSymbolicLink(link);
        Path resolved = link.getParent().resolve(target).normalize();
        if (target.isAbsolute() || !resolved.startsWith(prefix)) {
            throw new PackagingException("Symbolic link " + link + " points to " + target + ", outside the install"
                    + " prefix " + prefix + ". Install the library it names into the prefix, or make the link"
                    + " relative to a file inside the prefix.");
        }
        if (!Files.exists(resolved)) {
            throw new PackagingException("Symbolic link " + relative + " in " + prefix + " points to " + target
                    + ", which does not exist. Re-run the install step so that the library it names is present; in a"
                    + " distribution's tree the file usually comes from another package (the runtime package beside"
                    + " a -dev one): put it into the prefix too. Or leave the link out with <excludes><exclude>"
                    + relative + "</exclude></excludes>.");
        }
        return target.toString().replace('\\', '/');
    }

    private static List<Path> walk(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    private static String relative(Path prefix, Path file) {
        return prefix.relativize(file).toString().replace('\\', '/');
    }
}
