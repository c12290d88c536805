package dev.nativelib.plugin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nativelib.loader.descriptor.PackageVariant;
import dev.nativelib.loader.hardware.VariantProperty;
import dev.nativelib.loader.platform.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantCheckTest {

    /** The rule as the build runs it: through the {@link Auditor}, which applies the severity. */
    private static List<Finding> check(Platform platform, PackageVariant variant, Map<AuditRule, Severity> severities) {
        return new Auditor(platform, AuditPolicies.resolve(platform, null, null), severities, Map.of())
                .audit(List.of(), java.util.Set.of(), variant).findings();
    }

    private static PackageVariant variant(String label, String... properties) {
        return new PackageVariant(label, java.util.Arrays.stream(properties).map(VariantProperty::parse).toList());
    }

    @Test
    void anX86VariantOfAnArmPlatformIsAnError() {
        List<Finding> findings = check(Platform.parse("linux-aarch_64"),
                variant("v3", "x86_64 :: level :: v3"), Map.of());
        assertEquals(List.of("[variant-architecture] linux-aarch_64-v3: the variant needs x86_64 :: level :: v3, a"
                + " property of x86_64 machines, but its platform linux-aarch_64 is aarch_64; no machine of that"
                + " platform has it, so the loader would never pick this variant. Fix: if the binaries are for x86_64,"
                + " package them with <platform>linux-x86_64</platform>; if they are for aarch_64, correct"
                + " <variantProperties>."), findings.stream().map(Finding::toString).toList());
        assertEquals(Severity.FAIL, findings.get(0).severity());
    }

    @Test
    void anArmVariantOfAnX86PlatformIsAnError() {
        List<Finding> findings = check(Platform.parse("linux-x86_64"),
                variant("sve_cuda12", "aarch64 :: sve :: on", "cuda :: runtime :: 12"), Map.of());
        assertEquals(List.of("aarch64 :: sve :: on"), findings.stream()
                .map(f -> f.problem().substring("the variant needs ".length(), f.problem().indexOf(", a property")))
                .toList(), "cuda is no architecture's");
        assertEquals("linux-x86_64-sve_cuda12", findings.get(0).file());
    }

    @Test
    void propertiesOfThePlatformsOwnArchitectureOrNoneAreFine() {
        assertEquals(List.of(), check(Platform.parse("linux-x86_64"),
                variant("cuda12_v3", "x86_64 :: level :: v3", "cuda :: runtime :: 12"), Map.of()));
        assertEquals(List.of(), check(Platform.parse("linux-aarch_64-musl"),
                variant("sve", "aarch64 :: sve :: on"), Map.of()));
        assertEquals(List.of(), check(Platform.parse("linux-aarch_64"), null, Map.of()),
                "the baseline has no properties");
    }

    @Test
    void theSeverityIsConfigurable() {
        PackageVariant v3 = variant("v3", "x86_64 :: level :: v3");
        Platform arm = Platform.parse("linux-aarch_64");
        assertEquals(List.of(), check(arm, v3, Map.of(AuditRule.VARIANT_ARCHITECTURE, Severity.IGNORE)));
        assertEquals(Severity.WARN, check(arm, v3, Map.of(AuditRule.VARIANT_ARCHITECTURE,
                Severity.WARN)).get(0).severity());
        assertEquals(AuditRule.VARIANT_ARCHITECTURE, AuditRule.byId("variant-architecture"));
    }
}
