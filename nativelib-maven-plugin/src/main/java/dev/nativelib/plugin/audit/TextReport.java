package dev.nativelib.plugin.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The audit report as log lines: what each library is, needs and requires, and the summary. */
public final class TextReport {

    private TextReport() {
    }

    /**
     * @param report an audit report
     * @return one line per fact, e.g. {@code   needs libstdc++.so.6: base system manylinux_2_17 (GLIBCXX_3.4.22)};
     *         findings are not included (they are logged by severity)
     */
    public static List<String> details(AuditReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("nativelib audit of " + report.platform() + " against " + report.policy().describe() + ":");
        for (AuditReport.LibraryResult r : report.libraries()) {
            LibraryFacts f = r.facts();
            lines.add("  " + f.library().path() + " (" + ArchitectureCheck.name(f.format()) + " "
                    + String.join("+", f.architectures()) + (f.identity() == null ? ", no " + identityKind(f)
                    : ", " + identityKind(f) + " " + f.identity()) + ")");
            for (NeededLibrary n : f.needed()) {
                lines.add("    needs " + n.name() + ": " + describe(n) + (n.versions().isEmpty() ? ""
                        : " [" + String.join(", ", n.versions()) + "]"));
            }
            if (!f.runPaths().isEmpty()) {
                lines.add("    run paths: " + String.join(":", f.runPaths()));
            }
            if (!f.requires().isEmpty()) {
                lines.add("    requires: " + f.requires().entrySet().stream().map(e -> e.getKey() + "_" + e.getValue())
                        .collect(Collectors.joining(", ")));
            }
            if (!r.findings().isEmpty()) {
                lines.add("    findings: " + r.findings().stream().map(x -> x.rule().id() + " ("
                        + x.severity().name().toLowerCase(java.util.Locale.ROOT) + ")")
                        .collect(Collectors.joining(", ")));
            }
        }
        return lines;
    }

    /**
     * @param report an audit report
     * @param prefix the audited install prefix, for the failure message
     * @return the message the build fails with, listing every failing finding; {@code null} if the audit passed
     */
    public static String failureMessage(AuditReport report, Object prefix) {
        List<Finding> failures = report.failures();
        if (failures.isEmpty()) {
            return null;
        }
        return "nativelib audit of " + prefix + " failed with " + failures.size() + " finding"
                + (failures.size() == 1 ? "" : "s") + ":\n"
                + failures.stream().map(f -> "  " + f).collect(Collectors.joining("\n"))
                + "\nFix them, or change a rule's severity with <auditSeverities><rule-id>warn</rule-id>"
                + "</auditSeverities>.";
    }

    /**
     * @param report an audit report that passed
     * @return e.g. {@code nativelib audit passed: 2 libraries for linux-x86_64, 1 warning}
     */
    public static String passedMessage(AuditReport report) {
        int n = report.libraries().size();
        int warnings = report.findings().size();
        return "nativelib audit passed: " + n + " librar" + (n == 1 ? "y" : "ies") + " for " + report.platform()
                + (warnings == 0 ? "" : ", " + warnings + " warning" + (warnings == 1 ? "" : "s"));
    }

    private static String identityKind(LibraryFacts f) {
        return switch (f.format()) {
            case ELF -> "SONAME";
            case MACH_O -> "install name";
            case PE -> "DLL name";
        };
    }

    private static String describe(NeededLibrary n) {
        return switch (n.provider()) {
            case PACKAGE -> "this package (" + n.source() + ")";
            case DEPENDENCY -> "native dependency " + n.source();
            case BASE_SYSTEM -> "base system " + n.source();
            case OTHER_LIBC -> "NOT PROVIDED (part of " + n.source() + ")";
            case BY_PATH -> "NOT PROVIDED (needed by " + n.source() + ")";
            case NONE -> "NOT PROVIDED";
        };
    }
}
