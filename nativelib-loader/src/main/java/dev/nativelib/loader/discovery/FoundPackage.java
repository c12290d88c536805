package dev.nativelib.loader.discovery;

import dev.nativelib.loader.descriptor.PackageDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A native package found on the class path: its descriptor and where its files can be read from.
 *
 * @param descriptor  the parsed descriptor
 * @param rootUrl     URL of the package root inside its JAR or directory, ending in {@code /}
 * @param contentHash the SHA-256 of the descriptor's bytes; since the descriptor holds the
 *                    SHA-256 of every library, this names the package's content
 */
public record FoundPackage(PackageDescriptor descriptor, String rootUrl, String contentHash) {

    /**
     * Opens a file of the package, read from the same JAR or directory as the descriptor (never from another copy
     * of the package that happens to be earlier on the class path).
     *
     * @param relativePath path relative to the package root
     * @return a stream of the file's bytes
     * @throws IOException if it cannot be opened
     */
    public InputStream open(String relativePath) throws IOException {
        URLConnection connection = url(relativePath).openConnection();
        // A cached JarFile would stay open (and locked on Windows) for the life of the JVM.
        connection.setUseCaches(false);
        return connection.getInputStream();
    }

    /**
     * @param relativePath path relative to the package root
     * @return the URL of that file
     */
    public URL url(String relativePath) {
        return resolve(rootUrl, relativePath);
    }

    static URL resolve(String rootUrl, String relativePath) {
        try {
            return new URI(rootUrl + encode(relativePath)).toURL();
        } catch (URISyntaxException | java.net.MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot form a URL for " + relativePath + " under " + rootUrl, e);
        }
    }

    /**
     * @return the package root as a directory when the package lies in an exploded class-path directory (an IDE's
     *         output folder, {@code target/classes}); {@code null} when it is inside a JAR
     */
    public Path localDirectory() {
        if (!rootUrl.startsWith("file:")) {
            return null;
        }
        try {
            Path dir = Paths.get(new URI(rootUrl));
            return java.nio.file.Files.isDirectory(dir) ? dir : null;
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    /**
     * @return the JAR file or class-path directory the package was found in, for messages
     */
    public String origin() {
        String url = rootUrl;
        if (url.startsWith("jar:")) {
            int bang = url.indexOf("!/");
            url = url.substring(4, bang < 0 ? url.length() : bang);
        }
        try {
            URI uri = new URI(url);
            if ("file".equals(uri.getScheme())) {
                Path path = Paths.get(uri);
                return path.toString();
            }
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // not a local file: the URL itself is the best description
        }
        return url;
    }

    private static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/+".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /**
     * Packages are the same when they come from the same place with the same content. Written out because the
     * generated record methods are linked through {@code invokedynamic} on first use, which costs every JVM start
     * milliseconds; packages are hashed while their load order is worked out.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof FoundPackage other && rootUrl.equals(other.rootUrl) && contentHash.equals(other.contentHash);
    }

    @Override
    public int hashCode() {
        return rootUrl.hashCode() * 31 + contentHash.hashCode();
    }
}
