package dev.nativelib.plugin.audit;

import dev.nativelib.loader.platform.Platform;
import java.util.List;

/**
 * One audit rule: it looks at one library's facts and says what is wrong and how to fix it. It does not decide
 * what a violation does to the build; {@link Auditor} applies the configured severity to every rule alike.
 */
interface AuditCheck {

    /** @return the rule this check implements */
    AuditRule rule();

    /**
     * @param library  the library's facts
     * @param platform the package's platform
     * @param policy   what the package is audited against
     * @return the violations, in the library's order (run paths, needed names)
     */
    List<Violation> check(LibraryFacts library, Platform platform, AuditPolicy policy);

    /**
     * One thing a rule found wrong.
     *
     * @param problem what is wrong
     * @param fix     how to fix it
     */
    record Violation(String problem, String fix) {
    }
}
