package dev.nativelib.loader.discovery;

import dev.nativelib.loader.descriptor.DescriptorFormat;
import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.loader.descriptor.Sha256;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Finds every native package that a class loader can see, for all platforms. */
public final class PackageFinder {

    private static final System.Logger LOG = System.getLogger("dev.nativelib.loader");

    /** {@code <groupId>/<artifactId>/<platform>/}; no segment may be {@code .} or {@code ..}. */
    private static final Pattern INDEX_LINE = Pattern.compile(
            "(?!\\.\\.?/)[A-Za-z0-9_.\\-+]+/(?!\\.\\.?/)[A-Za-z0-9_.\\-+]+/[a-z0-9_\\-]+/");

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
                for (String entry : readIndex(index)) {
                    found.add(readPackage(base + entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PackageLayout.INDEX + " from the class path: "
                    + e.getMessage(), e);
        }
        return found;
    }

    private static List<String> readIndex(URL index) throws IOException {
        List<String> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(index), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (!INDEX_LINE.matcher(line).matches()) {
                    throw new IOException(index + ": malformed index line '" + line
                            + "' (expected <groupId>/<artifactId>/<platform>/)");
                }
                entries.add(line);
            }
        }
        return entries;
    }

    private static FoundPackage readPackage(String rootUrl) throws IOException {
        URL descriptorUrl = FoundPackage.resolve(rootUrl, PackageLayout.DESCRIPTOR);
        byte[] bytes;
        try (InputStream in = open(descriptorUrl)) {
            bytes = in.readAllBytes();
        }
        FoundPackage p = new FoundPackage(
                DescriptorFormat.read(new ByteArrayInputStream(bytes), descriptorUrl.toExternalForm()),
                rootUrl, Sha256.of(bytes));
        LOG.log(Level.DEBUG, () -> "found " + p.descriptor().coordinates() + " [" + p.descriptor().platform()
                + "] in " + p.origin());
        return p;
    }

    private static InputStream open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        return connection.getInputStream();
    }
}
