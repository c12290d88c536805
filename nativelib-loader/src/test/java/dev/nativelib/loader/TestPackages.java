package dev.nativelib.loader;

import dev.nativelib.loader.descriptor.AliasEntry;
import dev.nativelib.loader.descriptor.DescriptorFormat;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.loader.descriptor.Sha256;
import dev.nativelib.loader.platform.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds classifier JARs laid out as the plugin lays them out, for tests that need no real binaries. */
public final class TestPackages {

    private final String groupId;
    private final String artifactId;
    private final String version;
    private final Platform platform;
    private final Map<String, byte[]> libraries = new LinkedHashMap<>();
    private final List<AliasEntry> aliases = new ArrayList<>();
    private final Map<String, byte[]> overrides = new LinkedHashMap<>();
    private byte[] descriptorTail = new byte[0];
    private final Map<String, String> sonames = new LinkedHashMap<>();
    private final Map<String, List<String>> needs = new LinkedHashMap<>();
    private dev.nativelib.loader.descriptor.PackageVariant variant;
    private java.util.function.UnaryOperator<String> descriptorEdit = java.util.function.UnaryOperator.identity();

    private TestPackages(String groupId, String artifactId, String version, String platform) {
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.version = version;
        this.platform = Platform.parse(platform);
    }

    public static TestPackages of(String groupId, String artifactId, String version, String platform) {
        return new TestPackages(groupId, artifactId, version, platform);
    }

    public TestPackages library(String path, String content) {
        libraries.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public TestPackages libraryFile(String path, Path file) throws IOException {
        libraries.put(path, Files.readAllBytes(file));
        return this;
    }

    public TestPackages libraryBytes(String path, byte[] content) {
        libraries.put(path, content);
        return this;
    }

    /** A real library file with the SONAME and needed libraries its descriptor entry records. */
    public TestPackages libraryFile(String path, Path file, String soname, String... needed) throws IOException {
        libraries.put(path, Files.readAllBytes(file));
        sonames.put(path, soname);
        needs.put(path, List.of(needed));
        return this;
    }

    /** Makes the package a hardware variant: {@code variant("v3", "x86_64 :: level :: v3")}. */
    public TestPackages variant(String label, String... properties) {
        List<dev.nativelib.loader.hardware.VariantProperty> list = new ArrayList<>();
        for (String p : properties) {
            list.add(dev.nativelib.loader.hardware.VariantProperty.parse(p));
        }
        variant = new dev.nativelib.loader.descriptor.PackageVariant(label, list);
        return this;
    }

    public TestPackages alias(String path, String target) {
        aliases.add(new AliasEntry(path, target));
        return this;
    }

    /** Stores different bytes in the JAR than the descriptor describes, as a damaged JAR would. */
    public TestPackages corrupt(String path, String content) {
        overrides.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Appends bytes (a comment line, say) to the descriptor as stored in the JAR. */
    public TestPackages descriptorTail(byte[] tail) {
        descriptorTail = tail.clone();
        return this;
    }

    /** @return the descriptor's bytes as stored in the JAR */
    public byte[] descriptorBytes() {
        byte[] written = descriptorEdit.apply(new String(DescriptorFormat.write(descriptor()), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(written, written.length + descriptorTail.length);
        System.arraycopy(descriptorTail, 0, all, written.length, descriptorTail.length);
        return all;
    }

    /**
     * Writes the descriptor text through {@code edit}, to make descriptors the model itself refuses to hold (for the
     * tests of what the loader refuses to read).
     */
    public TestPackages editDescriptor(java.util.function.UnaryOperator<String> edit) {
        descriptorEdit = edit;
        return this;
    }

    public PackageDescriptor descriptor() {
        List<LibraryEntry> entries = new ArrayList<>();
        libraries.forEach((path, bytes) -> entries.add(new LibraryEntry(path,
                dev.nativelib.loader.descriptor.LibraryNames.logicalName(path.substring(path.lastIndexOf('/') + 1)),
                bytes.length, Sha256.of(bytes), sonames.get(path), null, needs.getOrDefault(path, List.of()),
                List.of(), null, null)));
        return new PackageDescriptor(groupId, artifactId, version, platform, entries, aliases).withVariant(variant);
    }

    public Path writeJar(Path dir) throws IOException {
        Path jar = dir.resolve(artifactId + "-" + version + "-" + descriptor().classifier() + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries().entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** Writes the JAR's entries as files below {@code dir}, as an exploded class-path directory holds them. */
    public Path writeTree(Path dir) throws IOException {
        for (Map.Entry<String, byte[]> e : entries().entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        return dir;
    }

    private Map<String, byte[]> entries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String root = PackageLayout.packageRoot(descriptor());
        entries.put(PackageLayout.INDEX, (PackageLayout.indexEntry(descriptor()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        entries.put(root + PackageLayout.DESCRIPTOR, descriptorBytes());
        libraries.forEach((path, bytes) -> entries.put(root + path, overrides.getOrDefault(path, bytes)));
        return entries;
    }
}
