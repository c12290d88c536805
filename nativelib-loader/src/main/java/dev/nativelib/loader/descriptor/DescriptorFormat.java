package dev.nativelib.loader.descriptor;

import dev.nativelib.loader.hardware.VariantProperty;
import dev.nativelib.loader.platform.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads and writes descriptors as {@code java.util.Properties} text, so that the loader needs nothing but the JDK.
 *
 * <pre>
 * nativelib.format=1
 * package.groupId=dev.example
 * package.artifactId=greet
 * package.version=1.0.0
 * package.platform=linux-x86_64
 * package.variant=v3                       (a hardware variant only; then nativelib.format=2)
 * package.variant.property.count=1
 * package.variant.property.0=x86_64 :: level :: v3
 * library.count=1
 * library.0.path=lib/libgreet.so.1.0.0
 * library.0.name=greet
 * library.0.size=15640
 * library.0.sha256=3b1f...
 * library.0.soname=libgreet.so.1
 * library.0.architecture=x86_64
 * library.0.needed.count=1
 * library.0.needed.0=libc.so.6
 * library.0.runpath.count=0
 * library.0.minimumGlibc=2.14
 * package.minimumGlibc=2.14
 * package.cmakeName=Greet
 * package.cmakeNamespace=Greet
 * require.count=0
 * alias.count=1
 * alias.0.path=lib/libgreet.so.1
 * alias.0.target=libgreet.so.1.0.0
 * </pre>
 *
 * <p>Output is deterministic (fixed key order, no date comment) so that packaging is reproducible.
 */
public final class DescriptorFormat {

    private DescriptorFormat() {
    }

    /**
     * Serialises a descriptor.
     *
     * @param d the descriptor
     * @return UTF-8 bytes of the properties text
     */
    public static byte[] write(PackageDescriptor d) {
        StringBuilder out = new StringBuilder();
        out.append("# nativelib package descriptor; written by nativelib-maven-plugin\n");
        put(out, "nativelib.format", d.variant() == null ? "1" : "2");
        put(out, "package.groupId", d.groupId());
        put(out, "package.artifactId", d.artifactId());
        put(out, "package.version", d.version());
        put(out, "package.platform", d.platform().name());
        if (d.variant() != null) {
            put(out, "package.variant", d.variant().label());
            List<String> properties = new ArrayList<>();
            d.variant().properties().forEach(p -> properties.add(p.toString()));
            putList(out, "package.variant.property", properties);
        }
        put(out, "library.count", Integer.toString(d.libraries().size()));
        for (int i = 0; i < d.libraries().size(); i++) {
            LibraryEntry l = d.libraries().get(i);
            put(out, "library." + i + ".path", l.path());
            put(out, "library." + i + ".name", l.name());
            put(out, "library." + i + ".size", Long.toString(l.size()));
            put(out, "library." + i + ".sha256", l.sha256());
            putOptional(out, "library." + i + ".soname", l.soname());
            putOptional(out, "library." + i + ".architecture", l.architecture());
            putList(out, "library." + i + ".needed", l.needed());
            putList(out, "library." + i + ".runpath", l.runPaths());
            putOptional(out, "library." + i + ".minimumGlibc", l.minimumGlibc());
            putOptional(out, "library." + i + ".minimumOs", l.minimumOs());
            if (l.global()) {
                put(out, "library." + i + ".global", "true");
            }
        }
        putOptional(out, "package.minimumGlibc", d.minimumGlibc());
        putOptional(out, "package.cmakeName", d.cmakeName());
        putOptional(out, "package.cmakeNamespace", d.cmakeNamespace());
        put(out, "require.count", Integer.toString(d.requires().size()));
        for (int i = 0; i < d.requires().size(); i++) {
            PackageRequirement r = d.requires().get(i);
            put(out, "require." + i + ".groupId", r.groupId());
            put(out, "require." + i + ".artifactId", r.artifactId());
            put(out, "require." + i + ".version", r.version());
            put(out, "require." + i + ".range", r.range().text());
        }
        put(out, "alias.count", Integer.toString(d.aliases().size()));
        for (int i = 0; i < d.aliases().size(); i++) {
            AliasEntry a = d.aliases().get(i);
            put(out, "alias." + i + ".path", a.path());
            put(out, "alias." + i + ".target", a.target());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a descriptor.
     *
     * @param in     the descriptor's bytes (UTF-8 properties text); not closed
     * @param source where the descriptor came from, for error messages
     * @return the descriptor
     * @throws DescriptorException if it is malformed, incomplete or of a newer format
     * @throws IOException         if reading fails
     */
    public static PackageDescriptor read(InputStream in, String source) throws IOException {
        Properties p = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IllegalArgumentException e) {
            throw new DescriptorException(source + ": malformed properties text: " + e.getMessage());
        }
        Fields f = new Fields(p, source);
        int format = f.integer("nativelib.format");
        if (format > PackageDescriptor.FORMAT_VERSION || format < 1) {
            throw new DescriptorException(source + ": descriptor format " + format + " is not supported by this"
                    + " nativelib-loader (it reads format 1 to " + PackageDescriptor.FORMAT_VERSION
                    + "); use a nativelib-loader at least as new as the nativelib-maven-plugin that built the package");
        }
        try {
            List<LibraryEntry> libraries = new ArrayList<>();
            int libraryCount = f.integer("library.count");
            for (int i = 0; i < libraryCount; i++) {
                String k = "library." + i + ".";
                libraries.add(new LibraryEntry(f.text(k + "path"), f.text(k + "name"),
                        f.longValue(k + "size"), f.text(k + "sha256"), f.optional(k + "soname"),
                        f.optional(k + "architecture"), f.list(k + "needed"), f.list(k + "runpath"),
                        f.optional(k + "minimumGlibc"), f.optional(k + "minimumOs"),
                        "true".equals(f.optional(k + "global"))));
            }
            List<AliasEntry> aliases = new ArrayList<>();
            int aliasCount = f.integer("alias.count");
            for (int i = 0; i < aliasCount; i++) {
                String k = "alias." + i + ".";
                aliases.add(new AliasEntry(f.text(k + "path"), f.text(k + "target")));
            }
            List<PackageRequirement> requires = new ArrayList<>();
            int requireCount = f.optional("require.count") == null ? 0 : f.integer("require.count");
            for (int i = 0; i < requireCount; i++) {
                String k = "require." + i + ".";
                String version = f.text(k + "version");
                String range = f.optional(k + "range");
                requires.add(new PackageRequirement(f.text(k + "groupId"), f.text(k + "artifactId"), version,
                        range == null ? VersionRange.sameMajor(version) : VersionRange.parse(range)));
            }
            PackageVariant variant = null;
            if (f.optional("package.variant") != null) {
                List<VariantProperty> properties = new ArrayList<>();
                for (String property : f.list("package.variant.property")) {
                    properties.add(VariantProperty.parse(property));
                }
                variant = new PackageVariant(f.text("package.variant"), properties);
            }
            return new PackageDescriptor(f.text("package.groupId"), f.text("package.artifactId"),
                    f.text("package.version"), Platform.parse(f.text("package.platform")), libraries, aliases,
                    requires, f.optional("package.cmakeName"), f.optional("package.cmakeNamespace"), variant);
        } catch (DescriptorException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new DescriptorException(source + ": " + e.getMessage());
        }
    }

    private static void putOptional(StringBuilder out, String key, String value) {
        if (value != null) {
            put(out, key, value);
        }
    }

    private static void putList(StringBuilder out, String key, List<String> values) {
        put(out, key + ".count", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            put(out, key + "." + i, values.get(i));
        }
    }

    private static void put(StringBuilder out, String key, String value) {
        out.append(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('\n');
    }

    private record Fields(Properties p, String source) {

        String optional(String key) {
            return p.getProperty(key);
        }

        /** A list written by putList; absent (from an older writer) reads as empty. */
        List<String> list(String key) {
            if (p.getProperty(key + ".count") == null) {
                return List.of();
            }
            int count = integer(key + ".count");
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(text(key + "." + i));
            }
            return values;
        }

        String text(String key) {
            String v = p.getProperty(key);
            if (v == null) {
                throw new DescriptorException(source + ": required key '" + key + "' is missing");
            }
            return v;
        }

        int integer(String key) {
            long v = longValue(key);
            if (v > 100_000) {
                throw new DescriptorException(source + ": '" + key + "' is " + v + ", more than a package can hold");
            }
            return (int) v;
        }

        long longValue(String key) {
            String v = text(key);
            try {
                long n = Long.parseLong(v.trim());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new DescriptorException(source + ": '" + key + "' must be a non-negative integer, not '" + v
                        + "'");
            }
        }
    }
}
