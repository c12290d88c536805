package dev.nativelib.plugin.audit;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The checks {@code audit} makes, each with an id used to configure its severity. Each is implemented by one class of
 * this package (an {@code AuditCheck}); findings of one library are reported in this order.
 */
public enum AuditRule {
    /** The binary's format or CPU does not match the package's platform. */
    ARCHITECTURE("architecture", Severity.FAIL),
    /** A shared library has no SONAME (ELF) or install name (Mach-O), so nothing can be matched against it. */
    MISSING_SONAME("missing-soname", Severity.WARN),
    /** A run path or install name is an absolute path, which points into the build machine. */
    ABSOLUTE_RUNPATH("absolute-runpath", Severity.FAIL),
    /** A relative run path leaves the package, or is relative to the working directory. */
    ESCAPING_RUNPATH("escaping-runpath", Severity.FAIL),
    /** A library of a musl package needs glibc's libraries, or one of a glibc package needs musl's. */
    WRONG_LIBC("wrong-libc", Severity.FAIL),
    /** A needed library is provided by neither the package, a declared native dependency, nor the base system. */
    UNRESOLVED_DEPENDENCY("unresolved-dependency", Severity.FAIL),
    /** The library requires a newer glibc than the configured floor. */
    GLIBC_TOO_NEW("glibc-too-new", Severity.FAIL),
    /**
     * The library requires a symbol version of a base-system library other than glibc (libstdc++'s
     * {@code GLIBCXX_*} / {@code CXXABI_*}, libgcc's {@code GCC_*}, …) that the policy's version of it lacks.
     */
    SYMBOL_VERSION_TOO_NEW("symbol-version-too-new", Severity.FAIL),
    /** A hardware variant needs a processor property of another architecture than its platform's. */
    VARIANT_ARCHITECTURE("variant-architecture", Severity.FAIL);

    private final String id;
    private final Severity defaultSeverity;

    AuditRule(String id, Severity defaultSeverity) {
        this.id = id;
        this.defaultSeverity = defaultSeverity;
    }

    /** @return the id used in configuration and reports, e.g. {@code absolute-runpath} */
    public String id() {
        return id;
    }

    /** @return the severity when none is configured */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /**
     * @param id a rule id
     * @return the rule
     * @throws IllegalArgumentException naming the known ids
     */
    public static AuditRule byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("'" + id + "' is not an audit rule; known rules: "
                        + Arrays.stream(values()).map(AuditRule::id).collect(Collectors.joining(", "))));
    }
}
