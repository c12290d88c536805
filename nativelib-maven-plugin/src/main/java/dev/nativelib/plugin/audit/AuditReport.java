package dev.nativelib.plugin.audit;

import dev.nativelib.loader.platform.Platform;
import java.util.List;

/**
 * The outcome of an audit: for each library, in package order, its facts and its findings.
 *
 * @param platform  the package's platform
 * @param policy    what it was audited against
 * @param packageFindings findings about the package as a whole (its variant), severities applied
 * @param libraries each library's facts and findings
 */
public record AuditReport(Platform platform, AuditPolicy policy, List<Finding> packageFindings,
                          List<LibraryResult> libraries) {

    /**
     * Copies the lists.
     *
     * @param platform        the package's platform
     * @param policy          what it was audited against
     * @param packageFindings findings about the package as a whole
     * @param libraries       each library's facts and findings
     */
    public AuditReport {
        packageFindings = List.copyOf(packageFindings);
        libraries = List.copyOf(libraries);
    }

    /**
     * One library's part of the report.
     *
     * @param facts    what the audit established about it
     * @param findings what its rules found, with severities applied ({@link Severity#IGNORE}d ones left out)
     */
    public record LibraryResult(LibraryFacts facts, List<Finding> findings) {

        /**
         * Copies the list.
         *
         * @param facts    what the audit established
         * @param findings what its rules found
         */
        public LibraryResult {
            findings = List.copyOf(findings);
        }
    }

    /** @return every finding: the package's, then each library's in library order */
    public List<Finding> findings() {
        return java.util.stream.Stream.concat(packageFindings.stream(),
                libraries.stream().flatMap(l -> l.findings().stream())).toList();
    }

    /** @return the findings of severity {@link Severity#FAIL} */
    public List<Finding> failures() {
        return findings().stream().filter(f -> f.severity() == Severity.FAIL).toList();
    }

    /** @return whether no finding fails the build */
    public boolean passed() {
        return failures().isEmpty();
    }
}
