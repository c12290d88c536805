package dev.nativelib.loader.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.platform.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptorFormatTest {

    private static final String HASH = "a".repeat(64);

    static PackageDescriptor sample() {
        return new PackageDescriptor("dev.example", "greet", "1.0.0", Platform.parse("linux-x86_64"),
                List.of(new LibraryEntry("lib/libgreet.so.1.0.0", "greet", 15640, HASH, "libgreet.so.1", "x86_64",
                                List.of("libm.so.6", "libc.so.6"), List.of("$ORIGIN"), "2.14", null),
                        new LibraryEntry("lib/libgreetjni.so", "greetjni", 8000, "b".repeat(64))),
                List.of(new AliasEntry("lib/libgreet.so.1", "libgreet.so.1.0.0")));
    }

    @Test
    void writesAStableDocumentedLayout() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8);
        assertEquals("""
                # nativelib package descriptor; written by nativelib-maven-plugin
                nativelib.format=1
                package.groupId=dev.example
                package.artifactId=greet
                package.version=1.0.0
                package.platform=linux-x86_64
                library.count=2
                library.0.path=lib/libgreet.so.1.0.0
                library.0.name=greet
                library.0.size=15640
                library.0.sha256=%s
                library.0.soname=libgreet.so.1
                library.0.architecture=x86_64
                library.0.needed.count=2
                library.0.needed.0=libm.so.6
                library.0.needed.1=libc.so.6
                library.0.runpath.count=1
                library.0.runpath.0=$ORIGIN
                library.0.minimumGlibc=2.14
                library.1.path=lib/libgreetjni.so
                library.1.name=greetjni
                library.1.size=8000
                library.1.sha256=%s
                library.1.needed.count=0
                library.1.runpath.count=0
                package.minimumGlibc=2.14
                require.count=0
                alias.count=1
                alias.0.path=lib/libgreet.so.1
                alias.0.target=libgreet.so.1.0.0
                """.formatted(HASH, "b".repeat(64)), text);
    }

    @Test
    void roundTripsRequirementsAndCMakeNames() throws IOException {
        PackageDescriptor s = sample();
        PackageDescriptor d = new PackageDescriptor(s.groupId(), s.artifactId(), s.version(), s.platform(),
                s.libraries(), s.aliases(), List.of(new PackageRequirement("dev.example", "base", "2.1.0")), "Greet",
                "Acme");
        String text = new String(DescriptorFormat.write(d), StandardCharsets.UTF_8);
        assertEquals(true, text.contains("package.cmakeName=Greet\npackage.cmakeNamespace=Acme\nrequire.count=1\n"
                + "require.0.groupId=dev.example\nrequire.0.artifactId=base\nrequire.0.version=2.1.0\n"
                + "require.0.range=[2.1.0,3)\n"), text);
        assertEquals(d, read(text));
    }

    @Test
    void roundTrips() throws IOException {
        PackageDescriptor d = sample();
        assertEquals(d, read(new String(DescriptorFormat.write(d), StandardCharsets.UTF_8)));
    }

    @Test
    void escapesCharactersThatPropertiesTreatSpecially() throws IOException {
        PackageDescriptor d = new PackageDescriptor("g", "a", "1", Platform.parse("linux-x86_64"),
                List.of(new LibraryEntry("lib/ lib f=o!o#ü.so", " f=o:o#ü\\x\t", 1, HASH)), List.of());
        assertEquals(d, read(new String(DescriptorFormat.write(d), StandardCharsets.UTF_8)));
    }

    @Test
    void missingKeyIsNamedWithTheSource() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("library.1.sha256=" + "b".repeat(64) + "\n", "");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text));
        assertEquals("test.properties: required key 'library.1.sha256' is missing", e.getMessage());
    }

    @Test
    void newerFormatAsksForANewerLoader() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> read("nativelib.format=7\n"));
        assertEquals("test.properties: descriptor format 7 is not supported by this nativelib-loader (it reads"
                + " format 1 to 1); use a nativelib-loader at least as new as the nativelib-maven-plugin that built"
                + " the package", e.getMessage());
    }

    @Test
    void nonNumericCountIsRejected() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("library.count=2", "library.count=two");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text));
        assertEquals("test.properties: 'library.count' must be a non-negative integer, not 'two'", e.getMessage());
    }

    @Test
    void pathsThatLeaveThePackageAreRejected() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("library.0.path=lib/libgreet.so.1.0.0", "library.0.path=lib/../../evil.so");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text));
        assertEquals("test.properties: library path 'lib/../../evil.so' must not contain empty, '.' or '..' segments"
                + " (it would leave the package)", e.getMessage());
    }

    @Test
    void absolutePathsAreRejected() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("library.0.path=lib/libgreet.so.1.0.0", "library.0.path=/etc/evil.so");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text));
        assertEquals("test.properties: library path '/etc/evil.so' must be a relative path with '/' separators",
                e.getMessage());
    }

    @Test
    void aliasTargetsThatLeaveThePackageAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AliasEntry("lib/libgreet.so", "../../outside.so"));
        assertEquals("target of alias lib/libgreet.so '../outside.so' must not contain empty, '.' or '..' segments"
                + " (it would leave the package)", e.getMessage());
        assertEquals("lib/libgreet.so.1", new AliasEntry("lib/libgreet.so", "libgreet.so.1").resolvedTarget());
    }

    @Test
    void dotCoordinatesCannotLeaveTheCache() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("package.groupId=dev.example", "package.groupId=..");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text));
        assertEquals("test.properties: groupId '..' is not a valid Maven coordinate part", e.getMessage());
    }

    @Test
    void aliasThatIsADirectoryOfAnotherEntryIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PackageDescriptor("g",
                "a", "1", Platform.parse("linux-x86_64"), List.of(), List.of(new AliasEntry("lib/up", "."),
                new AliasEntry("lib/up/x", "../libfoo.so"))));
        assertEquals("alias lib/up is a directory of another entry; aliases must be links to library files",
                e.getMessage());
    }

    @Test
    void malformedHashIsRejected() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("library.0.sha256=" + HASH, "library.0.sha256=xyz");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text));
        assertEquals("test.properties: 'xyz' is not a SHA-256 (64 lower-case hex digits) for lib/libgreet.so.1.0.0",
                e.getMessage());
    }

    private static PackageDescriptor read(String text) throws IOException {
        return DescriptorFormat.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "test.properties");
    }
}
