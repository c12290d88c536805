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
                + " format 1 to 2); use a nativelib-loader at least as new as the nativelib-maven-plugin that built"
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
        assertEquals("target of alias lib/libgreet.so '../../outside.so' leaves the package", e.getMessage());
        assertEquals("lib/libgreet.so.1", new AliasEntry("lib/libgreet.so", "libgreet.so.1").resolvedTarget());
        assertEquals("lib64/libgreet.so.1", new AliasEntry("lib/libgreet.so", "../lib64/libgreet.so.1")
                .resolvedTarget());
    }

    /** The descriptor of {@link #sample()} with its alias's target replaced. */
    private static String withAliasTarget(String target) {
        return new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("alias.0.target=libgreet.so.1.0.0", "alias.0.target=" + target);
    }

    @Test
    void absoluteAliasTargetsAreRejected() {
        // lib/ + /abs normalises to lib/abs, inside the package; the link itself would point at /abs.
        for (String target : List.of("/abs", "//abs", "/lib/libgreet.so.1.0.0")) {
            DescriptorException e = assertThrows(DescriptorException.class, () -> read(withAliasTarget(target)));
            assertEquals("test.properties: target of alias lib/libgreet.so.1 '" + target + "' is an absolute path;"
                    + " a link's target must be relative to the link's directory", e.getMessage());
        }
    }

    @Test
    void aliasTargetsWithEmptyDotOrInnerDotDotSegmentsAreRejected() {
        for (String target : List.of("lib//abs", "./libgreet.so.1.0.0", "libgreet.so.1.0.0/", "x/../libgreet.so.1.0.0",
                "../lib/./libgreet.so.1.0.0", ".", "..")) {
            DescriptorException e = assertThrows(DescriptorException.class, () -> read(withAliasTarget(target)));
            assertEquals("test.properties: target of alias lib/libgreet.so.1 '" + target + "' must be plain names,"
                    + " after any leading '..' segments (no empty, '.' or inner '..' segments)", e.getMessage());
        }
    }

    @Test
    void aliasTargetsWithBackslashesNulOrDrivesAreRejected() {
        // properties text on the left, the target it reads as on the right
        for (List<String> t : List.of(List.of("..\\\\evil.so", "..\\evil.so"), List.of("lib\\u0000x", "lib\0x"),
                List.of("C\\:evil.so", "C:evil.so"))) {
            DescriptorException e = assertThrows(DescriptorException.class, () -> read(withAliasTarget(t.get(0))));
            assertEquals("test.properties: target of alias lib/libgreet.so.1 '" + t.get(1) + "' must be a relative"
                    + " path with '/' separators", e.getMessage());
        }
    }

    @Test
    void emptyAliasTargetIsRejected() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(withAliasTarget("")));
        assertEquals("test.properties: target of alias lib/libgreet.so.1 is empty", e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> new AliasEntry("lib/x.so",
                null));
        assertEquals("target of alias lib/x.so is empty", n.getMessage());
    }

    @Test
    void aliasToNothingIsRejected() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(withAliasTarget("libnothing.so")));
        assertEquals("test.properties: alias lib/libgreet.so.1 of dev.example:greet:1.0.0 [linux-x86_64] points to"
                + " lib/libnothing.so, which is neither a library nor an alias of the package", e.getMessage());
    }

    @Test
    void aliasChainsMustEndAtALibrary() throws IOException {
        String chain = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("alias.count=1", "alias.count=2\nalias.1.path=lib/libgreet.so\nalias.1.target=libgreet.so.1");
        assertEquals(List.of(new AliasEntry("lib/libgreet.so.1", "libgreet.so.1.0.0"),
                new AliasEntry("lib/libgreet.so", "libgreet.so.1")), read(chain).aliases());
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(chain
                .replace("alias.0.target=libgreet.so.1.0.0", "alias.0.target=libgone.so")));
        assertEquals("test.properties: alias lib/libgreet.so.1 of dev.example:greet:1.0.0 [linux-x86_64] points to"
                + " lib/libgone.so, which is neither a library nor an alias of the package", e.getMessage());
    }

    @Test
    void aliasCyclesAreRejected() {
        String cycle = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("alias.count=1", "alias.count=3\nalias.1.path=lib/a.so\nalias.1.target=b.so"
                        + "\nalias.2.path=lib/b.so\nalias.2.target=../lib/a.so");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(cycle));
        assertEquals("test.properties: aliases of dev.example:greet:1.0.0 [linux-x86_64] form a cycle:"
                + " lib/a.so -> lib/b.so -> lib/a.so", e.getMessage());
        e = assertThrows(DescriptorException.class, () -> read(withAliasTarget("../lib/libgreet.so.1")));
        assertEquals("test.properties: aliases of dev.example:greet:1.0.0 [linux-x86_64] form a cycle:"
                + " lib/libgreet.so.1 -> lib/libgreet.so.1", e.getMessage());
    }

    @Test
    void aLongChainOfAliasesIsCheckedAndResolvedInLinearTime() {
        // 15,000 links, each to the next, the last to the library: close to the 1 MiB a descriptor may hold.
        int n = 15_000;
        StringBuilder text = new StringBuilder(new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("alias.count=1", "alias.count=" + (n + 1)));
        for (int i = 1; i <= n; i++) {
            text.append("alias.").append(i).append(".path=lib/a").append(i).append(".so\nalias.").append(i)
                    .append(".target=").append(i == n ? "libgreet.so.1.0.0" : "a" + (i + 1) + ".so").append('\n');
        }
        PackageDescriptor d = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> {
                    PackageDescriptor read = read(text.toString());
                    read.libraryNames();
                    return read;
                });
        assertEquals("lib/libgreet.so.1.0.0", d.libraryNames().get("a1.so").path());
    }

    @Test
    void twoLibrariesWithOnePathAreRejected() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("library.1.path=lib/libgreetjni.so", "library.1.path=lib/libgreet.so.1.0.0");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text));
        assertEquals("test.properties: dev.example:greet:1.0.0 [linux-x86_64] lists lib/libgreet.so.1.0.0 twice"
                + " (library 0 and library 1); each library and alias needs a path of its own", e.getMessage());
    }

    @Test
    void twoAliasesWithOnePathAreRejected() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("alias.count=1", "alias.count=2\nalias.1.path=lib/libgreet.so.1\n"
                        + "alias.1.target=libgreetjni.so");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text));
        assertEquals("test.properties: dev.example:greet:1.0.0 [linux-x86_64] lists lib/libgreet.so.1 twice"
                + " (alias 0 and alias 1); each library and alias needs a path of its own", e.getMessage());
    }

    @Test
    void aLibraryAndAnAliasWithOnePathAreRejected() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("alias.0.path=lib/libgreet.so.1", "alias.0.path=lib/libgreetjni.so");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text));
        assertEquals("test.properties: dev.example:greet:1.0.0 [linux-x86_64] lists lib/libgreetjni.so twice"
                + " (library 1 and alias 0); each library and alias needs a path of its own", e.getMessage());
    }

    @Test
    void pathsDifferingOnlyInCaseAreRejectedWhereFileSystemsIgnoreCase() throws IOException {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("library.1.path=lib/libgreetjni.so", "library.1.path=lib/LIBGREET.so.1.0.0");
        assertEquals("lib/LIBGREET.so.1.0.0", read(text).libraries().get(1).path(), "Linux tells them apart");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text
                .replace("package.platform=linux-x86_64", "package.platform=osx-aarch_64")));
        assertEquals("test.properties: dev.example:greet:1.0.0 [osx-aarch_64] lists lib/libgreet.so.1.0.0 and"
                + " lib/LIBGREET.so.1.0.0 (library 0 and library 1), which differ only in case and are one file on"
                + " macOS; each library and alias needs a path of its own", e.getMessage());
        e = assertThrows(DescriptorException.class, () -> read(text
                .replace("package.platform=linux-x86_64", "package.platform=windows-x86_64")));
        assertEquals("test.properties: dev.example:greet:1.0.0 [windows-x86_64] lists lib/libgreet.so.1.0.0 and"
                + " lib/LIBGREET.so.1.0.0 (library 0 and library 1), which differ only in case and are one file on"
                + " Windows; each library and alias needs a path of its own", e.getMessage());
    }

    @Test
    void aLibraryThatIsADirectoryOfAnotherIsRejected() {
        String text = new String(DescriptorFormat.write(sample()), StandardCharsets.UTF_8)
                .replace("library.1.path=lib/libgreetjni.so", "library.1.path=lib/libgreet.so.1.0.0/libgreetjni.so");
        DescriptorException e = assertThrows(DescriptorException.class, () -> read(text));
        assertEquals("test.properties: library lib/libgreet.so.1.0.0 of dev.example:greet:1.0.0 [linux-x86_64] is"
                + " a directory of another entry (lib/libgreet.so.1.0.0/libgreetjni.so); libraries are files",
                e.getMessage());
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
                "a", "1", Platform.parse("linux-x86_64"), List.of(new LibraryEntry("lib/libfoo.so", "foo", 1, HASH)),
                List.of(new AliasEntry("lib/up", "libfoo.so"), new AliasEntry("lib/up/x", "../libfoo.so"))));
        assertEquals("alias lib/up of g:a:1 [linux-x86_64] is a directory of another entry (lib/up/x); aliases must"
                + " be links to library files", e.getMessage());
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

    @Test
    void aVariantIsFormatTwoAndReadsBack() throws IOException {
        PackageDescriptor v3 = sample().withVariant(new PackageVariant("v3",
                List.of(dev.nativelib.loader.hardware.VariantProperty.parse("x86_64::level::v3"))));
        String text = new String(DescriptorFormat.write(v3), StandardCharsets.UTF_8);
        assertEquals(true, text.contains("""
                nativelib.format=2
                package.groupId=dev.example
                package.artifactId=greet
                package.version=1.0.0
                package.platform=linux-x86_64
                package.variant=v3
                package.variant.property.count=1
                package.variant.property.0=x86_64 \\:\\: level \\:\\: v3
                library.count=2
                """), text);
        PackageDescriptor back = DescriptorFormat.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "v3.properties");
        assertEquals(v3, back);
        assertEquals("linux-x86_64-v3", back.classifier());
        assertEquals("dev.example/greet/linux-x86_64-v3/", PackageLayout.indexEntry(back));
        assertEquals("linux-x86_64", sample().classifier());
    }

    @Test
    void aVariantNeedsAValidLabelAndOneValuePerFeature() {
        List<dev.nativelib.loader.hardware.VariantProperty> v3 =
                List.of(dev.nativelib.loader.hardware.VariantProperty.parse("x86_64::level::v3"));
        assertEquals("variant label 'musl' is reserved: <platform>-musl would read as a platform with a C library;"
                + " choose another label", assertThrows(IllegalArgumentException.class,
                () -> new PackageVariant("musl", v3)).getMessage());
        assertEquals("variant label 'V3' is invalid: it must be a lowercase letter followed by up to 15 lowercase"
                + " letters, digits or _ (e.g. v3, cuda12, avx512)", assertThrows(IllegalArgumentException.class,
                () -> new PackageVariant("V3", v3)).getMessage());
        assertEquals("variant 'x' gives x86_64 :: level more than one value; a variant needs one value per feature"
                + " (the machine's levels include the lower ones: x86_64 :: level :: v3 runs on v4 too)",
                assertThrows(IllegalArgumentException.class, () -> new PackageVariant("x", List.of(
                        dev.nativelib.loader.hardware.VariantProperty.parse("x86_64::level::v3"),
                        dev.nativelib.loader.hardware.VariantProperty.parse("x86_64::level::v4")))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PackageVariant("empty", List.of()));
    }
}
