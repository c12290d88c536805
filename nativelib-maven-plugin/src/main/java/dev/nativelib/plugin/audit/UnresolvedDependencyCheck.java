package dev.nativelib.plugin.audit;

import dev.nativelib.loader.platform.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AuditRule#UNRESOLVED_DEPENDENCY}: every needed library is in the package, a declared native dependency, or
 * the base system.
 */
final class UnresolvedDependencyCheck implements AuditCheck {

    @Override
    public AuditRule rule() {
        return AuditRule.UNRESOLVED_DEPENDENCY;
    }

    @Override
    public List<Violation> check(LibraryFacts l, Platform platform, AuditPolicy policy) {
        List<Violation> out = new ArrayList<>();
        String base = policy.name() != null ? policy.name() : platform.os();
        for (NeededLibrary n : l.needed()) {
            if (n.provider() == Provider.NONE) {
                out.add(new Violation("needs " + n.name() + ", which neither this package, a declared native"
                        + " dependency, nor the " + base + " base system provides.", "ship " + n.name() + " in this"
                        + " package (install it into the prefix), or add the native package that provides it as a"
                        + " Maven dependency with <classifier>" + platform.name() + "</classifier>."));
            }
        }
        return out;
    }
}
