package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.VersionOrder;
import dev.nativelib.loader.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link AuditRule#SYMBOL_VERSION_TOO_NEW}: every symbol version required from a base-system library other than
 * glibc's ({@code GLIBCXX_*} and {@code CXXABI_*} from {@code libstdc++.so.6}, {@code GCC_*} from
 * {@code libgcc_s.so.1}, …) is one the policy's library defines.
 */
final class SymbolVersionCheck implements AuditCheck {

    @Override
    public AuditRule rule() {
        return AuditRule.SYMBOL_VERSION_TOO_NEW;
    }

    @Override
    public List<Violation> check(LibraryFacts l, Platform platform, AuditPolicy policy) {
        List<Violation> out = new ArrayList<>();
        for (NeededLibrary n : l.needed()) {
            if (n.provider() != Provider.BASE_SYSTEM) {
                continue;
            }
            // Per namespace, the newest version the policy lacks: one finding per needed file, not per symbol.
            Map<String, String> missing = new LinkedHashMap<>();
            for (String name : n.versions()) {
                SymbolVersion v = SymbolVersion.parse(name);
                Set<String> allowed = v == null ? null : policy.symbolVersions().get(v.namespace());
                if (allowed == null || allowed.contains(v.version())) {
                    continue;
                }
                String seen = missing.get(v.namespace());
                if (seen == null || SymbolVersion.numeric(seen) && SymbolVersion.numeric(v.version())
                        && VersionOrder.compare(v.version(), seen) > 0) {
                    missing.put(v.namespace(), v.version());
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            List<String> needs = new ArrayList<>();
            List<String> has = new ArrayList<>();
            AuditPolicy.ordered(missing).forEach((ns, v) -> {
                needs.add(ns + "_" + v);
                String newest = policy.newest(ns);
                has.add(newest == null ? "no " + ns + " version" : ns + "_" + newest);
            });
            String where = policy.name() != null ? policy.name()
                    : "glibc " + policy.glibcFloor() + " systems (as " + policy.versionsFrom() + " defines them)";
            out.add(new Violation("needs " + String.join(", ", needs) + " from " + n.name() + ", but the "
                    + n.name() + " of " + where + " has only up to " + String.join(", ", has) + "; it will not load"
                    + " on such systems.", "build with a compiler whose runtime is that old (e.g. in the "
                    + (policy.name() != null ? policy.name() : policy.versionsFrom()) + " container of pypa/manylinux),"
                    + " link the runtime statically (-static-libstdc++ -static-libgcc), or " + (policy.name() != null
                    ? "choose a newer <auditPolicy>." : "raise <glibcFloor>.")));
        }
        return out;
    }
}
