package dev.nativelib.plugin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.binary.BinaryInfo;
import dev.nativelib.loader.platform.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The text and JSON forms of one report: a package whose needed libraries are satisfied in every way there is. */
class AuditReportTest {

    private static AuditReport report() {
        Platform linux = Platform.parse("linux-x86_64");
        Map<String, List<String>> versions = new LinkedHashMap<>();
        versions.put("libstdc++.so.6", List.of("GLIBCXX_3.4.22", "CXXABI_1.3.9", "GLIBCXX_3.4"));
        versions.put("libc.so.6", List.of("GLIBC_2.2.5", "GLIBC_2.14"));
        // Named by the version table only, not by DT_NEEDED: not reported as a needed library.
        versions.put("libgcc_s.so.1", List.of("GCC_3.0"));
        AuditedLibrary foo = new AuditedLibrary("lib/libfoo.so.1", List.of(new BinaryInfo(BinaryFormat.ELF, "x86_64",
                "libfoo.so.1", List.of("libbar.so.2", "libdep.so.3", "libstdc++.so.6", "libssl.so.3", "libc.so.6"),
                List.of("$ORIGIN"), versions, "2.14", null)));
        AuditedLibrary bar = new AuditedLibrary("lib/libbar.so.2", List.of(new BinaryInfo(BinaryFormat.ELF, "x86_64",
                "libbar.so.2", List.of(), List.of(), Map.of(), null, null)));
        return new Auditor(linux, AuditPolicies.resolve(linux, null, "2.17"),
                Map.of(AuditRule.UNRESOLVED_DEPENDENCY, Severity.WARN), Map.of("libdep.so.3", "org.example:dep:1.0"))
                .audit(List.of(foo, bar), Set.of());
    }

    @Test
    void textNamesWhatSatisfiesEachNeededLibrary() {
        assertEquals(List.of(
                "nativelib audit of linux-x86_64 against glibc floor 2.17 with the C++ runtime of manylinux_2_17"
                        + " (GLIBC_2.17, GLIBCXX_3.4.19, CXXABI_1.3.7, GCC_4.8.0):",
                "  lib/libfoo.so.1 (ELF x86_64, SONAME libfoo.so.1)",
                "    needs libbar.so.2: this package (lib/libbar.so.2)",
                "    needs libdep.so.3: native dependency org.example:dep:1.0",
                "    needs libstdc++.so.6: base system linux (glibc) [GLIBCXX_3.4.22, CXXABI_1.3.9, GLIBCXX_3.4]",
                "    needs libssl.so.3: NOT PROVIDED",
                "    needs libc.so.6: base system linux (glibc) [GLIBC_2.2.5, GLIBC_2.14]",
                "    run paths: $ORIGIN",
                "    requires: GLIBC_2.14, GLIBCXX_3.4.22, CXXABI_1.3.9",
                "    findings: unresolved-dependency (warn), symbol-version-too-new (fail)",
                "  lib/libbar.so.2 (ELF x86_64, SONAME libbar.so.2)"), TextReport.details(report()));
        assertEquals("nativelib audit of /prefix failed with 1 finding:\n"
                + "  [symbol-version-too-new] lib/libfoo.so.1: needs GLIBCXX_3.4.22, CXXABI_1.3.9 from libstdc++.so.6,"
                + " but the libstdc++.so.6 of glibc 2.17 systems (as manylinux_2_17 defines them) has only up to"
                + " GLIBCXX_3.4.19, CXXABI_1.3.7; it will not load on such systems. Fix: build with a compiler whose"
                + " runtime is that old (e.g. in the manylinux_2_17 container of pypa/manylinux), link the runtime"
                + " statically (-static-libstdc++ -static-libgcc), or raise <glibcFloor>.\n"
                + "Fix them, or change a rule's severity with <auditSeverities><rule-id>warn</rule-id>"
                + "</auditSeverities>.", TextReport.failureMessage(report(), "/prefix"));
    }

    @Test
    void jsonHasAFixedShape() {
        assertEquals("""
                {
                  "formatVersion": 1,
                  "package": "org.example:foo:1.0",
                  "platform": "linux-x86_64",
                  "passed": false,
                  "failures": 1,
                  "warnings": 1,
                  "policy": {
                    "name": null,
                    "description": "glibc floor 2.17 with the C++ runtime of manylinux_2_17 (GLIBC_2.17, \
                GLIBCXX_3.4.19, CXXABI_1.3.7, GCC_4.8.0)",
                    "glibcFloor": "2.17",
                    "symbolVersionsFrom": "manylinux_2_17",
                    "newest": {"CXXABI": "1.3.7", "GCC": "4.8.0", "GLIBC": "2.17", "GLIBCXX": "3.4.19", \
                "ZLIB": "1.2.5.2"}
                  },
                  "packageFindings": [],
                  "libraries": [
                    {
                      "file": "lib/libfoo.so.1",
                      "format": "elf",
                      "architectures": ["x86_64"],
                      "identity": "libfoo.so.1",
                      "needed": [
                        {"name": "libbar.so.2", "providedBy": "package", "provider": "lib/libbar.so.2", \
                "versions": []},
                        {"name": "libdep.so.3", "providedBy": "dependency", "provider": "org.example:dep:1.0", \
                "versions": []},
                        {"name": "libstdc++.so.6", "providedBy": "base-system", "provider": "linux (glibc)", \
                "versions": ["GLIBCXX_3.4.22", "CXXABI_1.3.9", "GLIBCXX_3.4"]},
                        {"name": "libssl.so.3", "providedBy": "none", "provider": null, "versions": []},
                        {"name": "libc.so.6", "providedBy": "base-system", "provider": "linux (glibc)", \
                "versions": ["GLIBC_2.2.5", "GLIBC_2.14"]}
                      ],
                      "runPaths": ["$ORIGIN"],
                      "requires": {"GLIBC": "2.14", "GLIBCXX": "3.4.22", "CXXABI": "1.3.9"},
                      "findings": [
                        {"rule": "unresolved-dependency", "severity": "warn", "problem": "needs libssl.so.3, \
                which neither this package, a declared native dependency, nor the linux base system provides.", \
                "fix": "ship libssl.so.3 in this package (install it into the prefix), or add the native package \
                that provides it as a Maven dependency with <classifier>linux-x86_64</classifier>."},
                        {"rule": "symbol-version-too-new", "severity": "fail", "problem": "needs GLIBCXX_3.4.22, \
                CXXABI_1.3.9 from libstdc++.so.6, but the libstdc++.so.6 of glibc 2.17 systems (as manylinux_2_17 \
                defines them) has only up to GLIBCXX_3.4.19, CXXABI_1.3.7; it will not load on such systems.", \
                "fix": "build with a compiler whose runtime is that old (e.g. in the manylinux_2_17 container of \
                pypa/manylinux), link the runtime statically (-static-libstdc++ -static-libgcc), or raise \
                <glibcFloor>."}
                      ]
                    },
                    {
                      "file": "lib/libbar.so.2",
                      "format": "elf",
                      "architectures": ["x86_64"],
                      "identity": "libbar.so.2",
                      "needed": [],
                      "runPaths": [],
                      "requires": {},
                      "findings": []
                    }
                  ]
                }
                """, JsonReport.write(report(), "org.example:foo:1.0"));
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\\u2028é\"", JsonReport.str("a\"b\\c\nd\te\u0001\u2028é"));
        assertEquals("null", JsonReport.str(null));
    }
}
