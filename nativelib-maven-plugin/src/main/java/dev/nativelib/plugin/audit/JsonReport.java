package dev.nativelib.plugin.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The audit report as JSON for CI to read (format documented on the site's audit page). Written by hand, as the rest
 * of the plugin writes its files: keys in a fixed order, lists in package and file order, so the same package gives
 * the same bytes.
 */
public final class JsonReport {

    /** The version of the format; raised when a field changes meaning or goes away (not when one is added). */
    public static final int FORMAT_VERSION = 1;

    private JsonReport() {
    }

    /**
     * @param report      an audit report
     * @param coordinates the package's {@code groupId:artifactId:version}
     * @return the JSON text, ending with a newline
     */
    public static String write(AuditReport report, String coordinates) {
        StringBuilder b = new StringBuilder();
        AuditPolicy p = report.policy();
        b.append("{\n");
        field(b, 1, "formatVersion").append(FORMAT_VERSION).append(",\n");
        field(b, 1, "package").append(str(coordinates)).append(",\n");
        field(b, 1, "platform").append(str(report.platform().name())).append(",\n");
        field(b, 1, "passed").append(report.passed()).append(",\n");
        field(b, 1, "failures").append(report.failures().size()).append(",\n");
        field(b, 1, "warnings").append(report.findings().size() - report.failures().size()).append(",\n");
        field(b, 1, "policy").append("{\n");
        field(b, 2, "name").append(str(p.name())).append(",\n");
        field(b, 2, "description").append(str(p.describe())).append(",\n");
        field(b, 2, "glibcFloor").append(str(p.glibcFloor())).append(",\n");
        field(b, 2, "symbolVersionsFrom").append(str(p.name() != null ? p.name() : p.versionsFrom())).append(",\n");
        field(b, 2, "newest").append("{");
        Set<String> namespaces = new TreeSet<>(p.symbolVersions().keySet());
        if (p.glibcFloor() != null) {
            namespaces.add("GLIBC");
        }
        String sep = "";
        for (String ns : namespaces) {
            String v = p.newest(ns);
            if (v != null) {
                b.append(sep).append(str(ns)).append(": ").append(str(v));
                sep = ", ";
            }
        }
        b.append("}\n");
        indent(b, 1).append("},\n");
        field(b, 1, "packageFindings").append("[");
        for (int i = 0; i < report.packageFindings().size(); i++) {
            b.append(i == 0 ? "\n" : ",\n");
            finding(b, 2, report.packageFindings().get(i));
        }
        b.append(report.packageFindings().isEmpty() ? "],\n" : "\n" + "  ],\n");
        field(b, 1, "libraries").append("[");
        List<AuditReport.LibraryResult> libs = report.libraries();
        for (int i = 0; i < libs.size(); i++) {
            b.append(i == 0 ? "\n" : ",\n");
            library(b, libs.get(i));
        }
        b.append(libs.isEmpty() ? "]\n" : "\n" + "  ]\n");
        b.append("}\n");
        return b.toString();
    }

    private static void library(StringBuilder b, AuditReport.LibraryResult r) {
        LibraryFacts f = r.facts();
        indent(b, 2).append("{\n");
        field(b, 3, "file").append(str(f.library().path())).append(",\n");
        field(b, 3, "format").append(str(f.format().name().toLowerCase(Locale.ROOT).replace('_', '-'))).append(",\n");
        field(b, 3, "architectures").append(strings(f.architectures())).append(",\n");
        field(b, 3, "identity").append(str(f.identity())).append(",\n");
        field(b, 3, "needed").append("[");
        for (int i = 0; i < f.needed().size(); i++) {
            NeededLibrary n = f.needed().get(i);
            b.append(i == 0 ? "\n" : ",\n");
            indent(b, 4).append("{\"name\": ").append(str(n.name()))
                    .append(", \"providedBy\": ").append(str(n.provider().id()))
                    .append(", \"provider\": ").append(str(n.source()))
                    .append(", \"versions\": ").append(strings(n.versions())).append("}");
        }
        b.append(f.needed().isEmpty() ? "],\n" : "\n" + "      ],\n");
        field(b, 3, "runPaths").append(strings(f.runPaths())).append(",\n");
        field(b, 3, "requires").append("{");
        String sep = "";
        for (Map.Entry<String, String> e : f.requires().entrySet()) {
            b.append(sep).append(str(e.getKey())).append(": ").append(str(e.getValue()));
            sep = ", ";
        }
        b.append("},\n");
        field(b, 3, "findings").append("[");
        for (int i = 0; i < r.findings().size(); i++) {
            b.append(i == 0 ? "\n" : ",\n");
            finding(b, 4, r.findings().get(i));
        }
        b.append(r.findings().isEmpty() ? "]\n" : "\n" + "      ]\n");
        indent(b, 2).append("}");
    }

    private static void finding(StringBuilder b, int level, Finding x) {
        indent(b, level).append("{\"rule\": ").append(str(x.rule().id()))
                .append(", \"severity\": ").append(str(x.severity().name().toLowerCase(Locale.ROOT)))
                .append(", \"problem\": ").append(str(x.problem()))
                .append(", \"fix\": ").append(str(x.fix())).append("}");
    }

    private static StringBuilder indent(StringBuilder b, int level) {
        return b.append("  ".repeat(level));
    }

    private static StringBuilder field(StringBuilder b, int level, String name) {
        return indent(b, level).append(str(name)).append(": ");
    }

    private static String strings(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(str(values.get(i)));
        }
        return b.append("]").toString();
    }

    /**
     * @param s a string, or {@code null}
     * @return it as a JSON string literal (RFC 8259 escaping; control characters as {@code \\uXXXX}), or
     *         {@code null}
     */
    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    // U+2028/2029 are valid JSON but end lines in JavaScript; escaping them costs nothing.
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
