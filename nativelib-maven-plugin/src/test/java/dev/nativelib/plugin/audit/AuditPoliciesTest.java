package dev.nativelib.plugin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.platform.Platform;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditPoliciesTest {

    private static final Platform LINUX = Platform.parse("linux-x86_64");
    private static final Platform MUSL = Platform.parse("linux-x86_64-musl");

    @Test
    void namedPolicyCarriesAuditwheelsFacts() {
        AuditPolicy p = AuditPolicies.resolve(LINUX, "manylinux2014", null);
        assertEquals("manylinux_2_17", p.name());
        assertEquals("2.17", p.glibcFloor());
        assertEquals("3.4.19", p.newest("GLIBCXX"));
        assertEquals("1.3.7", p.newest("CXXABI"));
        assertEquals("4.8.0", p.newest("GCC"));
        assertEquals("manylinux_2_17 (GLIBC_2.17, GLIBCXX_3.4.19, CXXABI_1.3.7, GCC_4.8.0)", p.describe());
        assertTrue(p.libraries().containsAll(Set.of("libc.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1")),
                p.libraries().toString());
        assertTrue(p.symbolVersions().get("CXXABI").contains("TM_1"));
        assertNull(p.symbolVersions().get("GLIBC"), "GLIBC is compared with the floor, not looked up");
        assertEquals("manylinux_2_28 (GLIBC_2.28, GLIBCXX_3.4.24, CXXABI_1.3.11, GCC_7.0.0)",
                AuditPolicies.resolve(LINUX, "manylinux_2_28", null).describe());
    }

    @Test
    void symbolVersionsAreThoseOfThePackagesArchitecture() {
        // manylinux_2_17 defines GCC_4.8.0 as newest on x86_64 but GCC_4.7.0 on aarch64 (auditwheel's JSON).
        assertEquals("4.7.0", AuditPolicies.resolve(Platform.parse("linux-aarch_64"), "manylinux_2_17", null)
                .newest("GCC"));
        assertEquals("manylinux_2_17 does not cover riscv64 (it covers x86_32, x86_64, aarch_64, ppc_64, ppcle_64,"
                + " s390_64, arm_32); choose a policy that does for linux-riscv64",
                assertThrows(IllegalArgumentException.class, () -> AuditPolicies.resolve(
                        Platform.parse("linux-riscv64"), "manylinux_2_17", null)).getMessage());
    }

    @Test
    void glibcFloorBringsTheCxxRuntimeOfItsManylinuxPolicy() {
        AuditPolicy p = AuditPolicies.resolve(LINUX, null, "2.17");
        assertNull(p.name());
        assertNull(p.libraries(), "the default base system stays");
        assertEquals("manylinux_2_17", p.versionsFrom());
        assertEquals("glibc floor 2.17 with the C++ runtime of manylinux_2_17 (GLIBC_2.17, GLIBCXX_3.4.19,"
                + " CXXABI_1.3.7, GCC_4.8.0)", p.describe());
        assertEquals("manylinux_2_17", AuditPolicies.resolve(LINUX, null, "2.23").versionsFrom(),
                "the newest policy whose floor is not newer");
        AuditPolicy old = AuditPolicies.resolve(LINUX, null, "2.4");
        assertNull(old.versionsFrom());
        assertEquals("glibc floor 2.4", old.describe());
        assertEquals("the platform's base system", AuditPolicies.resolve(LINUX, null, null).describe());
    }

    @Test
    void eachPlatformTakesThePolicyOfItsLibc() {
        String both = "manylinux_2_28, musllinux_1_2";
        assertEquals("manylinux_2_28", AuditPolicies.resolve(LINUX, both, null).name());
        AuditPolicy musl = AuditPolicies.resolve(MUSL, both, null);
        assertEquals("musllinux_1_2", musl.name());
        assertEquals(Set.of("libc.so", "libz.so.1"), musl.libraries());
        assertNull(AuditPolicies.resolve(Platform.parse("windows-x86_64"), both, null).name());
        assertNull(AuditPolicies.resolve(Platform.parse("osx-aarch_64"), both, "2.17").glibcFloor(),
                "a glibc floor means nothing to macOS");
    }

    @Test
    void badSettingsAreExplained() {
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> AuditPolicies.resolve(LINUX, "manylinux_2_99", null)).getMessage();
        assertTrue(unknown.startsWith("'manylinux_2_99' is not an audit policy; known policies: manylinux_2_5"
                + " (manylinux1), manylinux_2_12 (manylinux2010), manylinux_2_17 (manylinux2014), manylinux_2_24,"),
                unknown);
        assertTrue(unknown.endsWith(", musllinux_1_1, musllinux_1_2"), unknown);
        assertEquals("<auditPolicy> names two policies for glibc, manylinux_2_17 and manylinux_2_28; keep one",
                assertThrows(IllegalArgumentException.class,
                        () -> AuditPolicies.resolve(LINUX, "manylinux2014,manylinux_2_28", null)).getMessage());
        assertEquals("<glibcFloor>2.17</glibcFloor> contradicts <auditPolicy>manylinux_2_28</auditPolicy>, whose"
                + " glibc floor is 2.28; remove <glibcFloor>", assertThrows(IllegalArgumentException.class,
                () -> AuditPolicies.resolve(LINUX, "manylinux_2_28", "2.17")).getMessage());
        assertEquals("manylinux_2_28", AuditPolicies.resolve(LINUX, "manylinux_2_28", "2.28").name());
        assertEquals("<glibcFloor>: '2.17a' is not a dotted numeric version such as 2.17",
                assertThrows(IllegalArgumentException.class,
                        () -> AuditPolicies.resolve(LINUX, null, "2.17a")).getMessage());
    }
}
