package dev.nativelib.loader.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.TestPackages;
import dev.nativelib.loader.hardware.MachineProperties;
import dev.nativelib.loader.hardware.VariantProperty;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantChooserTest {

    /** A package of linux-x86_64; with a label and properties a variant of it, else its baseline. */
    static FoundPackage pkg(String artifactId, String version, String label, String... properties) {
        TestPackages t = TestPackages.of("dev.example", artifactId, version, "linux-x86_64")
                .library("lib/lib" + artifactId + ".so", artifactId + label);
        if (label != null) {
            t.variant(label, properties);
        }
        String classifier = t.descriptor().classifier();
        return new FoundPackage(t.descriptor(), "jar:file:/repo/" + artifactId + "-" + version + "-" + classifier
                + ".jar!/META-INF/nativelib/dev.example/" + artifactId + "/" + classifier + "/", "0".repeat(64));
    }

    static MachineProperties machine(String... properties) {
        List<VariantProperty> list = new ArrayList<>();
        for (String p : properties) {
            list.add(VariantProperty.parse(p));
        }
        return MachineProperties.of(list, List.of("test machine"));
    }

    private static VariantChooser chooser(MachineProperties machine) {
        return new VariantChooser(() -> machine);
    }

    private static final MachineProperties V3 = machine("x86_64 :: level :: v1", "x86_64 :: level :: v2",
            "x86_64 :: level :: v3");

    @Test
    void theRankingPutsAcceleratorsFirstThenHigherValuesThenMoreFeaturesThenLabels() {
        List<FoundPackage> worstFirst = List.of(
                pkg("a", "1", null),
                pkg("a", "1", "v2", "x86_64 :: level :: v2"),
                pkg("a", "1", "v10", "x86_64 :: level :: v10"),
                pkg("a", "1", "vz", "x86_64 :: level :: v10", "zlib :: level :: v1"),
                pkg("a", "1", "va", "x86_64 :: level :: v10", "zlib :: level :: v1"),
                // blas :: backend comes before zlib :: level: having it decides.
                pkg("a", "1", "openblas", "blas :: backend :: openblas", "x86_64 :: level :: v10"),
                pkg("a", "1", "cuda12", "cuda :: runtime :: 12"),
                pkg("a", "1", "cuda12v3", "cuda :: runtime :: 12", "x86_64 :: level :: v3"),
                pkg("a", "1", "cuda13", "cuda :: runtime :: 13"));
        for (int i = 0; i < worstFirst.size(); i++) {
            for (int j = 0; j < worstFirst.size(); j++) {
                int c = VariantChooser.compare(worstFirst.get(i).descriptor(), worstFirst.get(j).descriptor());
                assertEquals(Integer.signum(Integer.compare(i, j)), Integer.signum(c),
                        worstFirst.get(i).descriptor().classifier() + " vs " + worstFirst.get(j).descriptor()
                                .classifier());
            }
        }
    }

    @Test
    void theBestVariantTheMachineRunsIsPickedAndTheReportSaysWhyForEach() {
        FoundPackage base = pkg("fast", "1.0", null);
        FoundPackage v3 = pkg("fast", "1.0", "v3", "x86_64 :: level :: v3");
        FoundPackage v4 = pkg("fast", "1.0", "v4", "x86_64 :: level :: v4");
        VariantChooser chooser = chooser(V3);
        assertSame(v3, chooser.choose(List.of(base, v4, v3), "requested"));
        assertEquals(List.of(
                "variants of dev.example:fast:1.0 [linux-x86_64] (requested), this machine having x86_64 :: level :: v1,"
                        + " x86_64 :: level :: v2, x86_64 :: level :: v3:",
                "  linux-x86_64-v4 (x86_64 :: level :: v4): out: this machine lacks x86_64 :: level :: v4",
                "  linux-x86_64-v3 (x86_64 :: level :: v3): picked, the best that fits",
                "  linux-x86_64 (baseline): fits, ranks below linux-x86_64-v3"), chooser.report());
        assertEquals(V3, chooser.machine());
    }

    @Test
    void theBaselineIsTheFallbackAndUnknownNamespacesNeedTheMachineToHaveThem() {
        FoundPackage base = pkg("blas", "1.0", null);
        FoundPackage openblas = pkg("blas", "1.0", "openblas", "blas :: backend :: openblas");
        assertSame(base, chooser(V3).choose(List.of(openblas, base), "requested"));
        MachineProperties told = machine("blas :: backend :: openblas", "x86_64 :: level :: v1");
        assertSame(openblas, chooser(told).choose(List.of(openblas, base), "requested"));
    }

    @Test
    void aPackageWithoutVariantsNeverDetectsTheMachine() {
        FoundPackage only = pkg("plain", "1.0", null);
        VariantChooser chooser = new VariantChooser(() -> {
            throw new AssertionError("detected");
        });
        assertSame(only, chooser.choose(List.of(only), "requested"));
        assertNull(chooser.machine());
        assertEquals(List.of(), chooser.report());
    }

    @Test
    void aLaterPackageGetsTheVariantThatAgreesWithEarlierChoices() {
        MachineProperties gpu = machine("cuda :: runtime :: 12", "cuda :: runtime :: 13", "x86_64 :: level :: v1");
        FoundPackage top12 = pkg("top", "1.0", "cuda12", "cuda :: runtime :: 12");
        FoundPackage base12 = pkg("base", "1.0", "cuda12", "cuda :: runtime :: 12");
        FoundPackage base13 = pkg("base", "1.0", "cuda13", "cuda :: runtime :: 13");
        FoundPackage base = pkg("base", "1.0", null);
        VariantChooser chooser = chooser(gpu);
        assertSame(top12, chooser.choose(List.of(top12), "requested"));
        assertSame(base12, chooser.choose(List.of(base, base13, base12), "required by dev.example:top:1.0"));
        assertEquals("  linux-x86_64-cuda13 (cuda :: runtime :: 13): out: conflicts with cuda :: runtime :: 12 of"
                + " dev.example:top:1.0 [linux-x86_64-cuda12], chosen before", chooser.report().get(3));
        // Alone, the higher CUDA major wins.
        assertSame(base13, chooser(gpu).choose(List.of(base, base13, base12), "requested"));
    }

    @Test
    void whenNothingFitsTheErrorNamesEachVariantWhatItNeedsAndWhatTheMachineHas() {
        MachineProperties gpu = machine("cuda :: runtime :: 13", "x86_64 :: level :: v1", "x86_64 :: level :: v2",
                "x86_64 :: level :: v3");
        VariantChooser chooser = chooser(gpu);
        chooser.choose(List.of(pkg("top", "1.0", "cuda13", "cuda :: runtime :: 13")), "requested");
        List<FoundPackage> base = List.of(pkg("base", "2.0", "cuda12v4", "cuda :: runtime :: 12",
                "x86_64 :: level :: v4"), pkg("base", "2.0", "avx512", "x86_64 :: level :: v4"));
        VariantChooser.VariantException e = assertThrows(VariantChooser.VariantException.class,
                () -> chooser.choose(base, "required by dev.example:top:1.0 (built against 2.0)"));
        assertEquals("""
                No variant of dev.example:base:2.0 [linux-x86_64] (required by dev.example:top:1.0 (built against\
                 2.0)) fits this machine:
                  linux-x86_64-cuda12v4 (cuda :: runtime :: 12, x86_64 :: level :: v4): out: this machine lacks\
                 cuda :: runtime :: 12, x86_64 :: level :: v4; conflicts with cuda :: runtime :: 13 of\
                 dev.example:top:1.0 [linux-x86_64-cuda13], chosen before
                  linux-x86_64-avx512 (x86_64 :: level :: v4): out: this machine lacks x86_64 :: level :: v4
                This machine has: cuda :: runtime :: 13, x86_64 :: level :: v1, x86_64 :: level :: v2,\
                 x86_64 :: level :: v3 (-Dnativelib.log=debug shows how each was found).
                Add the baseline of dev.example:base (<classifier>linux-x86_64</classifier>) to the dependencies, or a\
                 variant this machine runs. If the machine has a property detection does not see, add it with\
                 -Dnativelib.hardware.add='namespace :: feature :: value' (or NATIVELIB_HARDWARE_ADD);\
                 -Dnativelib.hardware.mask (or NATIVELIB_HARDWARE_MASK) takes properties away, to steer an earlier\
                 choice.""", e.getMessage());
    }

    @Test
    void variantsOfOnePackageDifferFromDuplicates() {
        FoundPackage base = pkg("p", "1.0", null);
        FoundPackage v3 = pkg("p", "1.0", "v3", "x86_64 :: level :: v3");
        assertTrue(VariantChooser.variantsOfOne(List.of(base, v3)));
        assertTrue(VariantChooser.variantsOfOne(List.of(v3)));
        assertFalse(VariantChooser.variantsOfOne(List.of(base, pkg("p", "1.0", null))), "two baselines");
        assertFalse(VariantChooser.variantsOfOne(List.of(v3, pkg("p", "1.1", "v4", "x86_64 :: level :: v4"))),
                "two versions");
        assertFalse(VariantChooser.variantsOfOne(List.of(v3, pkg("p", "1.0", "v3", "x86_64 :: level :: v3"))),
                "one variant twice");
    }

    @Test
    void theDebugLogSaysTheSameAsTheReport() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.nativelib.loader");
        List<String> messages = new ArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level level = logger.getLevel();
        handler.setLevel(java.util.logging.Level.ALL);
        logger.setLevel(java.util.logging.Level.ALL);
        logger.addHandler(handler);
        System.setProperty("nativelib.log", "debug");
        try {
            chooser(V3).choose(List.of(pkg("fast", "1.0", null), pkg("fast", "1.0", "v4", "x86_64 :: level :: v4")),
                    "requested");
        } finally {
            System.clearProperty("nativelib.log");
            logger.removeHandler(handler);
            logger.setLevel(level);
        }
        assertEquals(List.of("""
                variants of dev.example:fast:1.0 [linux-x86_64] (requested) on x86_64 :: level :: v1, x86_64 :: level\
                 :: v2, x86_64 :: level :: v3:
                  linux-x86_64-v4 (x86_64 :: level :: v4): out: this machine lacks x86_64 :: level :: v4
                  linux-x86_64 (baseline): picked, the best that fits"""), messages);
    }
}
