package dev.nativelib.loader.discovery;

import dev.nativelib.loader.text.Chars;
import dev.nativelib.loader.diagnostics.Log;
import dev.nativelib.loader.descriptor.DescriptorException;
import dev.nativelib.loader.descriptor.DescriptorFormat;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.loader.descriptor.SmallSha256;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds every native package that a class loader can see, for all platforms. */
public final class PackageFinder {

    private PackageFinder() {
    }

    /**
     * Reads the index of every JAR and directory on the class path and parses each package's descriptor.
     *
     * @param classLoader where to look; {@code null} for the system class loader
     * @return the packages, in class-path order. The list remembers {@code classLoader}, so that
     *         {@link PackageSelector} can name the class-path JARs that could not be read when no package provides a
     *         name (see {@link #unreadableJars(ClassLoader)})
     * @throws UncheckedIOException     if an index or descriptor cannot be read
     * @throws DescriptorException       if a descriptor is malformed or declares a library larger than
     *                                   {@link PackageLimits#maxLibrarySize()}, or an index or descriptor is larger
     *                                   than {@link PackageLimits#MAX_INDEX_BYTES} or
     *                                   {@link PackageLimits#MAX_DESCRIPTOR_BYTES}
     * @throws IllegalArgumentException  if {@code nativelib.maxLibrarySize} is not a valid size
     */
    public static List<FoundPackage> find(ClassLoader classLoader) {
        List<FoundPackage> found = new Found(classLoader);
        long maxLibrarySize = PackageLimits.maxLibrarySize();
        try {
            Enumeration<URL> indexes = classLoader == null
                    ? ClassLoader.getSystemResources(PackageLayout.INDEX)
                    : classLoader.getResources(PackageLayout.INDEX);
            Set<String> seen = new LinkedHashSet<>();
            Set<String> contents = new java.util.HashSet<>();
            while (indexes.hasMoreElements()) {
                URL index = indexes.nextElement();
                if (!seen.add(index.toExternalForm())) {
                    continue;
                }
                String base = index.toExternalForm();
                base = base.substring(0, base.length() - "index.list".length());
                java.io.File jar = localJar(base);
                if (jar != null) {
                    // One open of the JAR for its index and every descriptor, instead of one per file.
                    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar)) {
                        String dir = base.substring(base.indexOf("!/") + 2);
                        String indexEntry = dir + "index.list";
                        byte[] indexBytes = readCapped(entryStream(zip, indexEntry, index),
                                PackageLimits.MAX_INDEX_BYTES, jar + ": entry " + indexEntry, "index", "the JAR");
                        long descriptorBytes = 0;
                        for (String entry : readIndex(index, indexBytes)) {
                            URL descriptorUrl = FoundPackage.resolve(base + entry, PackageLayout.DESCRIPTOR);
                            String source = jar + ": entry " + dir + entry + PackageLayout.DESCRIPTOR;
                            byte[] bytes = readCapped(entryStream(zip, dir + entry + PackageLayout.DESCRIPTOR,
                                    descriptorUrl), PackageLimits.MAX_DESCRIPTOR_BYTES, source, "descriptor",
                                    "the JAR");
                            descriptorBytes += bytes.length;
                            if (descriptorBytes > PackageLimits.MAX_DESCRIPTOR_BYTES_PER_JAR) {
                                throw new IOException(jar + ": its descriptors hold more than "
                                        + (PackageLimits.MAX_DESCRIPTOR_BYTES_PER_JAR >> 20) + " MiB in all; the JAR"
                                        + " is malformed or was not produced by nativelib-maven-plugin");
                            }
                            addUnlessCopy(found, contents, readPackage(base + entry, source, bytes, maxLibrarySize));
                        }
                    }
                    continue;
                }
                byte[] indexBytes = readCapped(open(index), PackageLimits.MAX_INDEX_BYTES, index.toExternalForm(),
                        "index", "the package");
                for (String entry : readIndex(index, indexBytes)) {
                    addUnlessCopy(found, contents, readPackage(base + entry, maxLibrarySize));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PackageLayout.INDEX + " from the class path: "
                    + e.getMessage(), e);
        }
        return found;
    }

    /**
     * Adds a package unless one with the same descriptor bytes (the same coordinates, platform and library hashes)
     * was found already: a copy of a JAR that a class loader sees twice, as Spark's child-first executor loader sees
     * its copies of the {@code --jars} and its parent the originals, is one package, not two versions of it. The
     * first found is kept; the extractor verifies every file against the descriptor whichever copy it reads.
     */
    private static void addUnlessCopy(List<FoundPackage> found, Set<String> contents, FoundPackage p) {
        if (contents.add(p.contentHash())) {
            found.add(p);
        } else if (Log.debugging()) {
            Log.debug("ignored " + p.origin() + ": the same " + p.descriptor().coordinates() + " ["
                    + p.descriptor().platform() + "] as found before");
        }
    }

    /** What {@link #find} returns: the packages, and the class loader they were looked for in. */
    private static final class Found extends ArrayList<FoundPackage> {

        private static final long serialVersionUID = 1L;
        private final transient ClassLoader classLoader;

        Found(ClassLoader classLoader) {
            this.classLoader = classLoader;
        }
    }

    /**
     * @param found what {@link #find} returned
     * @return {@link #unreadableJars(ClassLoader)} of the class loader it searched; empty for any other list
     */
    static List<String> unreadableJars(List<FoundPackage> found) {
        return found instanceof Found f ? unreadableJars(f.classLoader) : List.of();
    }

    /**
     * The JARs a class loader was given that cannot be opened: the JDK's class loaders skip a truncated or corrupt
     * JAR, or a missing one, without a word, so a package inside it is simply not found. Looks at the URLs of each
     * {@link java.net.URLClassLoader} from {@code classLoader} up its parents, and at {@code java.class.path} for the
     * system class loader (not at JARs named by a manifest's {@code Class-Path}). Each JAR is opened again, which
     * for a JAR the class loader holds open costs a file-status call; call it when something was not found.
     *
     * @param classLoader the class loader searched; {@code null} for the system class loader
     * @return one line per JAR, {@code <file>: <what is wrong>}, in class-path order
     */
    public static List<String> unreadableJars(ClassLoader classLoader) {
        Set<java.io.File> files = new LinkedHashSet<>();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        for (ClassLoader l = classLoader == null ? system : classLoader; l != null; l = l.getParent()) {
            if (l instanceof java.net.URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol()) && !url.getPath().endsWith("/")) {
                        try {
                            files.add(new java.io.File(url.toURI()));
                        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                            // not a plain file URL: nothing the JDK would open as a local JAR either
                        }
                    }
                }
            } else if (l == system) {
                for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
                    if (!entry.isEmpty()) {
                        files.add(new java.io.File(entry).getAbsoluteFile());
                    }
                }
            }
        }
        List<String> unreadable = new ArrayList<>();
        for (java.io.File file : files) {
            if (file.isDirectory()) {
                continue;
            }
            if (!file.exists()) {
                if (file.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".jar")) {
                    unreadable.add(file + ": no such file");
                }
                continue;
            }
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file)) {
                // readable
            } catch (java.util.zip.ZipException e) {
                unreadable.add(file + ": " + e.getMessage() + " (the file is truncated, or is not a JAR)");
            } catch (IOException e) {
                unreadable.add(file + ": " + e.getMessage());
            }
        }
        return unreadable;
    }

    /** The JAR file of a {@code jar:file:…!/…} URL, or {@code null} for anything else. */
    private static java.io.File localJar(String url) {
        int bang = url.indexOf("!/");
        if (!url.startsWith("jar:file:") || bang < 0 || url.indexOf("!/", bang + 2) >= 0) {
            return null;
        }
        try {
            java.io.File file = new java.io.File(new java.net.URI(url.substring(4, bang)));
            return file.isFile() ? file : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static InputStream entryStream(java.util.zip.ZipFile zip, String name, URL url) throws IOException {
        java.util.zip.ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new java.io.FileNotFoundException(url.toExternalForm());
        }
        return zip.getInputStream(e);
    }

    /**
     * Reads a whole index or descriptor, but never more than {@code limit} bytes of it: a few kilobytes of JAR can
     * inflate to gigabytes.
     *
     * @param where names the JAR and entry (or the URL) for the message
     * @param what  {@code index} or {@code descriptor}
     * @param whole what is malformed if the entry is too large: {@code the JAR}, {@code the package}
     * @throws DescriptorException  if it holds more than {@code limit} bytes
     * @throws UncheckedIOException naming {@code where}, if it cannot be read
     */
    private static byte[] readCapped(InputStream stream, int limit, String where, String what, String whole)
            throws IOException {
        try (InputStream in = stream) {
            // readNBytes grows its buffer as data arrives; it never allocates the limit up front.
            byte[] bytes;
            try {
                bytes = in.readNBytes(limit + 1);
            } catch (IOException e) {
                // e.g. "invalid block type": deflated data the JAR's directory lists but that does not inflate. The
                // cause carries the message too, for callers that unwrap it (the plugin does).
                String message = where + " cannot be read (" + e.getMessage() + ")"
                        + (whole.equals("the JAR") ? "; the JAR is damaged: replace it with a complete copy" : "");
                throw new UncheckedIOException(message, new IOException(message, e));
            }
            if (bytes.length > limit) {
                throw new DescriptorException(where + " is larger than " + PackageLimits.describe(limit)
                        + ", the limit for a nativelib " + what + "; " + whole + " is malformed or was not produced"
                        + " by nativelib-maven-plugin");
            }
            return bytes;
        }
    }

    private static List<String> readIndex(URL index, byte[] bytes) throws IOException {
        List<String> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (!indexLine(line)) {
                    throw new IOException(index + ": malformed index line '" + line
                            + "' (expected <groupId>/<artifactId>/<platform>/)");
                }
                if (entries.contains(line)) {
                    // One package read once: a repeated line would make discovery read its descriptor again.
                    throw new IOException(index + ": lists " + line + " twice; the JAR is malformed or was not"
                            + " produced by nativelib-maven-plugin");
                }
                if (entries.size() == PackageLimits.MAX_PACKAGES_PER_JAR) {
                    throw new IOException(index + ": lists more than " + PackageLimits.MAX_PACKAGES_PER_JAR
                            + " packages; the JAR is malformed or was not produced by nativelib-maven-plugin");
                }
                entries.add(line);
            }
        }
        return entries;
    }

    /** {@code <groupId>/<artifactId>/<platform>/}; no segment may be {@code .} or {@code ..}. */
    private static boolean indexLine(String line) {
        String[] parts = line.split("/", -1);
        return parts.length == 4 && parts[3].isEmpty() && coordinate(parts[0]) && coordinate(parts[1])
                && Chars.lowerWord(parts[2], "_-");
    }

    private static boolean coordinate(String s) {
        return Chars.word(s, "_.-+") && !s.equals(".") && !s.equals("..");
    }

    private static FoundPackage readPackage(String rootUrl, long maxLibrarySize) throws IOException {
        URL descriptorUrl = FoundPackage.resolve(rootUrl, PackageLayout.DESCRIPTOR);
        String source = descriptorUrl.toExternalForm();
        byte[] bytes = readCapped(open(descriptorUrl), PackageLimits.MAX_DESCRIPTOR_BYTES, source, "descriptor",
                "the package");
        return readPackage(rootUrl, source, bytes, maxLibrarySize);
    }

    /**
     * @param source names the descriptor in messages: {@code <jar>: entry <entry>} for a local JAR, else its URL
     */
    private static FoundPackage readPackage(String rootUrl, String source, byte[] bytes, long maxLibrarySize)
            throws IOException {
        PackageDescriptor d = DescriptorFormat.read(new ByteArrayInputStream(bytes), source);
        for (LibraryEntry l : d.libraries()) {
            PackageLimits.checkSize(d.coordinates() + " [" + d.platform() + "]", l, source, maxLibrarySize);
        }
        FoundPackage p = new FoundPackage(d, rootUrl, SmallSha256.of(bytes));
        if (Log.debugging()) {
            Log.debug("found " + p.descriptor().coordinates() + " [" + p.descriptor().platform()
                    + "] in " + p.origin());
        }
        return p;
    }

    private static InputStream open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        return connection.getInputStream();
    }
}
