package dev.nativelib.plugin.audit;

/**
 * One problem the audit found.
 *
 * @param rule     the rule that found it
 * @param severity its configured severity
 * @param file     the library, relative to the install prefix
 * @param problem  what is wrong
 * @param fix      how to fix it
 */
public record Finding(AuditRule rule, Severity severity, String file, String problem, String fix) {

    @Override
    public String toString() {
        return "[" + rule.id() + "] " + file + ": " + problem + " Fix: " + fix;
    }
}
