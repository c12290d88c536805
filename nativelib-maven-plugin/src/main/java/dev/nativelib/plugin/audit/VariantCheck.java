package dev.nativelib.plugin.audit;

import dev.nativelib.loader.descriptor.PackageVariant;
import dev.nativelib.loader.hardware.VariantProperty;
import dev.nativelib.loader.platform.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link AuditRule#VARIANT_ARCHITECTURE} rule: a variant must not need a processor property of another
 * architecture than its platform's. An {@code x86_64 :: level :: v3} variant of {@code linux-aarch_64} is a build
 * labelled for the wrong machine (or a matrix entry with the wrong platform), and no machine would ever pick it.
 */
final class VariantCheck {

    private VariantCheck() {
    }

    /**
     * @param platform the package's platform
     * @param variant  the package's variant, or {@code null} for the baseline (which has nothing to check)
     * @return one violation per mislabelled property; the {@link Auditor} applies the severity
     */
    static List<AuditCheck.Violation> check(Platform platform, PackageVariant variant) {
        List<AuditCheck.Violation> findings = new ArrayList<>();
        if (variant == null) {
            return findings;
        }
        for (VariantProperty p : variant.properties()) {
            String arch = architectureOf(p.namespace());
            if (arch != null && !arch.equals(platform.arch())) {
                findings.add(new AuditCheck.Violation("the variant needs " + p + ", a property of "
                        + arch + " machines, but its platform " + platform + " is " + platform.arch()
                        + "; no machine of that platform has it, so the loader would never pick this variant.",
                        "if the binaries are for " + arch + ", package them with <platform>"
                        + Platform.of(platform.os(), arch, platform.variant()) + "</platform>; if they are for "
                        + platform.arch() + ", correct <variantProperties>."));
            }
        }
        return findings;
    }

    /** @return the platform architecture whose processors a property namespace describes, or {@code null} */
    private static String architectureOf(String namespace) {
        return switch (namespace) {
            case "x86_64" -> "x86_64";
            // Platform names follow os-maven-plugin, which calls 64-bit ARM aarch_64.
            case "aarch64" -> "aarch_64";
            default -> null;
        };
    }
}
