package dev.nativelib.loader.discovery;

import dev.nativelib.loader.text.Chars;
import dev.nativelib.loader.log.Log;
import dev.nativelib.loader.descriptor.DescriptorFormat;
import dev.nativelib.loader.descriptor.PackageLayout;
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
     * @param classLoader where to look
     * @return the packages, in class-path order
     * @throws UncheckedIOException if an index or descriptor cannot be read
     * @throws dev.nativelib.loader.descriptor.DescriptorException if a descriptor is malformed
     */
    public static List<FoundPackage> find(ClassLoader classLoader) {
        List<FoundPackage> found = new ArrayList<>();
        try {
            Enumeration<URL> indexes = classLoader == null
                    ? ClassLoader.getSystemResources(PackageLayout.INDEX)
                    : classLoader.getResources(PackageLayout.INDEX);
            Set<String> seen = new LinkedHashSet<>();
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
                        for (String entry : readIndex(index, entryStream(zip, dir + "index.list", index))) {
                            URL descriptorUrl = FoundPackage.resolve(base + entry, PackageLayout.DESCRIPTOR);
                            try (InputStream in = entryStream(zip, dir + entry + PackageLayout.DESCRIPTOR,
                                    descriptorUrl)) {
                                found.add(readPackage(base + entry, descriptorUrl, in.readAllBytes()));
                            }
                        }
                    }
                    continue;
                }
                for (String entry : readIndex(index, open(index))) {
                    found.add(readPackage(base + entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PackageLayout.INDEX + " from the class path: "
                    + e.getMessage(), e);
        }
        return found;
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

    private static List<String> readIndex(URL index, InputStream stream) throws IOException {
        List<String> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
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

    private static FoundPackage readPackage(String rootUrl) throws IOException {
        URL descriptorUrl = FoundPackage.resolve(rootUrl, PackageLayout.DESCRIPTOR);
        byte[] bytes;
        try (InputStream in = open(descriptorUrl)) {
            bytes = in.readAllBytes();
        }
        return readPackage(rootUrl, descriptorUrl, bytes);
    }

    private static FoundPackage readPackage(String rootUrl, URL descriptorUrl, byte[] bytes) throws IOException {
        FoundPackage p = new FoundPackage(
                DescriptorFormat.read(new ByteArrayInputStream(bytes), descriptorUrl.toExternalForm()),
                rootUrl, contentKey(bytes));
        if (Log.debugging()) {
            Log.debug("found " + p.descriptor().coordinates() + " [" + p.descriptor().platform()
                    + "] in " + p.origin());
        }
        return p;
    }

    /**
     * @param descriptor a descriptor's bytes
     * @return the {@link ContentKey} naming its package's content
     */
    static String contentKey(byte[] descriptor) {
        return ContentKey.of(descriptor);
    }

    private static InputStream open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        return connection.getInputStream();
    }
}
