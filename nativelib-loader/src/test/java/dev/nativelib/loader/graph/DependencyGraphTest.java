package dev.nativelib.loader.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageRequirement;
import dev.nativelib.loader.descriptor.VersionRange;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.platform.Platform;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static final String H = "0".repeat(64);
    private static final Platform LINUX = Platform.parse("linux-x86_64");

    /** A package with one library {@code lib<artifactId>.so.<major>} needing {@code needed}. */
    private static FoundPackage pkg(String artifactId, String version, List<String> needed, String... requires) {
        String major = version.split("\\.")[0];
        String soname = "lib" + artifactId + ".so." + major;
        LibraryEntry lib = new LibraryEntry("lib/" + soname, artifactId, 1, H, soname, "x86_64", needed, List.of(),
                null, null);
        List<PackageRequirement> reqs = Arrays.stream(requires).map(r -> r.split(":"))
                .map(r -> new PackageRequirement("g", r[0], r[1])).toList();
        PackageDescriptor d = new PackageDescriptor("g", artifactId, version, LINUX, List.of(lib), List.of(), reqs,
                null, null);
        return new FoundPackage(d, "jar:file:/repo/" + artifactId + "-" + version + ".jar!/META-INF/nativelib/g/"
                + artifactId + "/linux-x86_64/", H);
    }

    private static List<String> order(List<FoundPackage> all, FoundPackage root) {
        return new DependencyGraph(all).loadOrder(root).stream().map(p -> p.descriptor().artifactId()).toList();
    }

    @Test
    void requirementsComeFirst() {
        FoundPackage a = pkg("a", "1.0.0", List.of("libc.so.6"));
        FoundPackage b = pkg("b", "2.0.0", List.of("liba.so.1"), "a:1.0.0");
        FoundPackage c = pkg("c", "1.0.0", List.of("libb.so.2"), "b:2.0.0");
        FoundPackage unrelated = pkg("z", "1.0.0", List.of());
        assertEquals(List.of("a", "b", "c"), order(List.of(c, unrelated, b, a), c));
        assertEquals(List.of("a"), order(List.of(c, b, a), a));
    }

    @Test
    void neededSonamesFindTheirProviderWithoutADeclaredRequirement() {
        FoundPackage a = pkg("a", "1.0.0", List.of());
        FoundPackage b = pkg("b", "1.0.0", List.of("liba.so.1", "libm.so.6"));
        assertEquals(List.of("a", "b"), order(List.of(b, a), b));
    }

    @Test
    void missingRequiredPackageIsNamedWithTheDependencyToAdd() {
        FoundPackage b = pkg("b", "2.0.0", List.of("liba.so.1"), "a:1.0.0");
        DependencyException e = assertThrows(DependencyException.class, () -> order(List.of(b), b));
        assertEquals("""
                g:b:2.0.0 [linux-x86_64] needs the native package g:a:1.0.0, which is not on the class path. Add it:
                  <dependency>
                    <groupId>g</groupId>
                    <artifactId>a</artifactId>
                    <version>1.0.0</version>
                    <classifier>linux-x86_64</classifier>
                  </dependency>""", e.getMessage());
    }

    @Test
    void missingPackageWhoseSonamesAreAlreadyLoadedIsNotNeeded() {
        FoundPackage b = pkg("b", "2.0.0", List.of("liba.so.1", "libc.so.6"), "a:1.0.0");
        java.util.Set<String> loaded = java.util.Set.of("liba.so.1", "libc.so.6");
        assertEquals(List.of("b"), new DependencyGraph(List.of(b), loaded::contains).loadOrder(b).stream()
                .map(p -> p.descriptor().artifactId()).toList());
        DependencyException e = assertThrows(DependencyException.class,
                () -> new DependencyGraph(List.of(b), java.util.Set.of("libc.so.6")::contains).loadOrder(b));
        assertTrue(e.getMessage().startsWith("g:b:2.0.0 [linux-x86_64] needs the native package g:a:1.0.0, which is"
                + " not on the class path."), e.getMessage());
    }

    @Test
    void twoVersionsOfOnePackageAreBothNamed() {
        FoundPackage a1 = pkg("a", "1.0.0", List.of());
        FoundPackage a2 = pkg("a", "1.1.0", List.of());
        FoundPackage b = pkg("b", "1.0.0", List.of("liba.so.1"), "a:1.0.0");
        DependencyException e = assertThrows(DependencyException.class, () -> order(List.of(b, a1, a2), b));
        assertEquals("""
                Two versions of the native package g:a are on the class path:
                  g:a:1.0.0 in /repo/a-1.0.0.jar
                  g:a:1.1.0 in /repo/a-1.1.0.jar
                Keep one (check `mvn dependency:tree`; align versions with dependencyManagement or a BOM).""",
                e.getMessage());
    }

    @Test
    void olderOrOtherMajorVersionIsRefusedBeforeAnythingLoads() {
        FoundPackage b = pkg("b", "1.0.0", List.of(), "a:1.4.0");
        DependencyException older = assertThrows(DependencyException.class,
                () -> order(List.of(b, pkg("a", "1.2.0", List.of())), b));
        assertEquals("g:b:1.0.0 was built against g:a:1.4.0 and accepts [1.4.0,2), but the class path has g:a:1.2.0"
                + " (/repo/a-1.2.0.jar). Depend on g:a [1.4.0,2) (align the versions, e.g. with the family BOM), or"
                + " rebuild b against 1.2.0.", older.getMessage());
        DependencyException major = assertThrows(DependencyException.class,
                () -> order(List.of(b, pkg("a", "2.0.0", List.of())), b));
        assertTrue(major.getMessage().contains("accepts [1.4.0,2), but the class path has g:a:2.0.0"),
                major.getMessage());
        assertEquals(List.of("a", "b"), order(List.of(b, pkg("a", "1.9.3", List.of())), b));
    }

    @Test
    void changedSonameIsReportedNotLeftToTheDynamicLoader() {
        // b was built against a 1.x (libb needs liba.so.1); the class path's a provides liba.so.2.
        FoundPackage b = pkg("b", "1.0.0", List.of("liba.so.1"), "a:1.0.0");
        FoundPackage a = new FoundPackage(new PackageDescriptor("g", "a", "1.5.0", LINUX,
                List.of(new LibraryEntry("lib/liba.so.2", "a", 1, H, "liba.so.2", "x86_64", List.of(), List.of(), null,
                        null)), List.of()), "jar:file:/repo/a-1.5.0.jar!/x/", H);
        DependencyException e = assertThrows(DependencyException.class, () -> order(List.of(b, a), b));
        assertEquals("g:b:1.0.0: lib/libb.so.1 needs liba.so.1, but g:a:1.5.0 in /repo/a-1.5.0.jar provides"
                + " liba.so.2 instead (it was built against g:a:1.0.0). Use the version of g:a it was built"
                + " against, or rebuild g:b:1.0.0 against 1.5.0.", e.getMessage());
    }

    @Test
    void cycleIsPrinted() {
        FoundPackage a = pkg("a", "1.0.0", List.of(), "c:1.0.0");
        FoundPackage b = pkg("b", "1.0.0", List.of(), "a:1.0.0");
        FoundPackage c = pkg("c", "1.0.0", List.of(), "b:1.0.0");
        DependencyException e = assertThrows(DependencyException.class, () -> order(List.of(a, b, c), c));
        assertEquals("Native packages need each other in a cycle: g:c -> g:b -> g:a -> g:c. A package cannot be loaded"
                + " before the packages it needs; break the cycle (merge the packages, or remove one of the"
                + " requirements).", e.getMessage());
    }

    @Test
    void versionRanges() {
        VersionRange same = VersionRange.sameMajor("1.2.0");
        assertEquals("[1.2.0,2)", same.text());
        assertTrue(same.contains("1.2.0"));
        assertTrue(same.contains("1.10.0"));
        assertTrue(same.contains("1.2.0-SNAPSHOT"));
        assertFalse(same.contains("1.1.9"));
        assertFalse(same.contains("2.0.0"));
        assertTrue(VersionRange.parse("[1.0,]").contains("7.3"));
        assertTrue(VersionRange.parse("(1.0,2.0]").contains("2.0"));
        assertFalse(VersionRange.parse("(1.0,2.0]").contains("1.0"));
        assertTrue(VersionRange.parse("[1.5]").contains("1.5.0"));
        assertFalse(VersionRange.parse("[1.5]").contains("1.5.1"));
        assertFalse(VersionRange.sameMajor("abc").contains("abd"));
        assertEquals("'1.0' is not a version range such as [1.2.0,2)",
                assertThrows(IllegalArgumentException.class, () -> VersionRange.parse("1.0")).getMessage());
    }

    @Test
    void aRecordedRangeDecides() {
        FoundPackage b = new FoundPackage(new PackageDescriptor("g", "b", "1.0.0", LINUX, List.of(), List.of(),
                List.of(new PackageRequirement("g", "a", "1.4.0", VersionRange.parse("[1.4.0,3)"))), null, null),
                "jar:file:/repo/b.jar!/x/", H);
        assertEquals(List.of("a", "b"), order(List.of(b, pkg("a", "2.5.0", List.of())), b));
    }

    /** {@link #pkg} as a variant: its library needs {@code needed}. */
    private static FoundPackage variant(String artifactId, String label, String property, List<String> needed,
                                        String... requires) {
        FoundPackage p = pkg(artifactId, "1.0.0", needed, requires);
        PackageDescriptor d = p.descriptor().withVariant(new dev.nativelib.loader.descriptor.PackageVariant(label,
                List.of(dev.nativelib.loader.hardware.VariantProperty.parse(property))));
        return new FoundPackage(d, p.rootUrl().replace("/linux-x86_64/", "/" + d.classifier() + "/"), H);
    }

    private static final dev.nativelib.loader.hardware.MachineProperties GPU =
            dev.nativelib.loader.hardware.MachineProperties.of(List.of(
                    dev.nativelib.loader.hardware.VariantProperty.parse("cuda :: runtime :: 12"),
                    dev.nativelib.loader.hardware.VariantProperty.parse("cuda :: runtime :: 13")), List.of());

    @Test
    void aRequiredPackageGetsTheVariantAgreeingWithTheRequestedOne() {
        FoundPackage a = pkg("a", "1.0.0", List.of());
        FoundPackage a12 = variant("a", "cuda12", "cuda :: runtime :: 12", List.of());
        FoundPackage a13 = variant("a", "cuda13", "cuda :: runtime :: 13", List.of());
        FoundPackage b12 = variant("b", "cuda12", "cuda :: runtime :: 12", List.of("liba.so.1"), "a:1.0.0");
        dev.nativelib.loader.discovery.VariantChooser chooser = new dev.nativelib.loader.discovery.VariantChooser(
                () -> GPU);
        assertSame(b12, chooser.choose(List.of(b12), "requested"));
        List<FoundPackage> order = new DependencyGraph(List.of(a, a13, b12, a12), s -> false, chooser).loadOrder(b12);
        assertEquals(List.of(a12, b12), order);
    }

    @Test
    void aNeededSonameGetsTheAgreeingVariantOfItsProvider() {
        FoundPackage a12 = variant("a", "cuda12", "cuda :: runtime :: 12", List.of());
        FoundPackage a13 = variant("a", "cuda13", "cuda :: runtime :: 13", List.of());
        FoundPackage b12 = variant("b", "cuda12", "cuda :: runtime :: 12", List.of("liba.so.1"));
        dev.nativelib.loader.discovery.VariantChooser chooser = new dev.nativelib.loader.discovery.VariantChooser(
                () -> GPU);
        chooser.choose(List.of(b12), "requested");
        assertEquals(List.of(a12, b12), new DependencyGraph(List.of(a13, a12, b12), s -> false, chooser)
                .loadOrder(b12));
        assertTrue(chooser.report().contains("  linux-x86_64-cuda13 (cuda :: runtime :: 13): out: conflicts with"
                + " cuda :: runtime :: 12 of g:b:1.0.0 [linux-x86_64-cuda12], chosen before"), chooser.report()
                .toString());
    }

    @Test
    void withoutAnAgreeingVariantTheDependencyIsRefused() {
        FoundPackage a13 = variant("a", "cuda13", "cuda :: runtime :: 13", List.of());
        FoundPackage b12 = variant("b", "cuda12", "cuda :: runtime :: 12", List.of(), "a:1.0.0");
        dev.nativelib.loader.discovery.VariantChooser chooser = new dev.nativelib.loader.discovery.VariantChooser(
                () -> GPU);
        chooser.choose(List.of(b12), "requested");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new DependencyGraph(List.of(a13, b12), s -> false, chooser).loadOrder(b12));
        assertTrue(e.getMessage().startsWith("""
                No variant of g:a:1.0.0 [linux-x86_64] (required by g:b:1.0.0 (built against 1.0.0)) fits this machine:
                  linux-x86_64-cuda13 (cuda :: runtime :: 13): out: conflicts with cuda :: runtime :: 12 of g:b:1.0.0\
                 [linux-x86_64-cuda12], chosen before
                This machine has: cuda :: runtime :: 12, cuda :: runtime :: 13 ("""), e.getMessage());
    }

    @Test
    void twoVersionsAmongVariantsAreStillTwoVersions() {
        FoundPackage a12 = variant("a", "cuda12", "cuda :: runtime :: 12", List.of());
        FoundPackage a2 = pkg("a", "2.0.0", List.of());
        FoundPackage b = pkg("b", "1.0.0", List.of(), "a:1.0.0");
        DependencyException e = assertThrows(DependencyException.class, () -> new DependencyGraph(
                List.of(b, a12, a2), s -> false, new dev.nativelib.loader.discovery.VariantChooser(() -> GPU))
                .loadOrder(b));
        assertEquals("""
                Two versions of the native package g:a are on the class path:
                  g:a:1.0.0 [linux-x86_64-cuda12] in /repo/a-1.0.0.jar
                  g:a:2.0.0 in /repo/a-2.0.0.jar
                Keep one (check `mvn dependency:tree`; align versions with dependencyManagement or a BOM).""",
                e.getMessage());
    }
}
