package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.VersionOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the audit checks a package's libraries against: which libraries the base system provides and which symbol
 * versions of them may be required.
 *
 * @param name           the named policy, e.g. {@code manylinux_2_28}; {@code null} for the platform's default
 * @param glibcFloor     the oldest glibc the package must load on, e.g. {@code 2.28}; {@code null} to not check
 * @param libraries      the libraries the policy's base system provides; {@code null} for the platform's default list
 *                       ({@link BaseSystem})
 * @param symbolVersions the symbol versions the base system's libraries define, by namespace ({@code GLIBCXX},
 *                       {@code CXXABI}, {@code GCC}, …) for the package's architecture; a required version of a
 *                       namespace not in the map is not checked. {@code GLIBC} is checked against {@code glibcFloor}
 * @param versionsFrom   the named policy the symbol versions come from when {@code name} is {@code null} (derived
 *                       from {@code glibcFloor}); else {@code null}
 */
public record AuditPolicy(String name, String glibcFloor, Set<String> libraries,
                          Map<String, Set<String>> symbolVersions, String versionsFrom) {

    /** The namespaces whose newest version the report names first, in this order. */
    static final List<String> MAIN_NAMESPACES = List.of("GLIBC", "GLIBCXX", "CXXABI", "GCC");

    /**
     * Copies the collections, keeping their order.
     *
     * @param name           the named policy, or {@code null}
     * @param glibcFloor     the glibc floor, or {@code null}
     * @param libraries      the base system's libraries, or {@code null} for the platform's default
     * @param symbolVersions allowed symbol versions by namespace
     * @param versionsFrom   where the symbol versions come from, or {@code null}
     */
    public AuditPolicy {
        libraries = libraries == null ? null : Collections.unmodifiableSet(new TreeSet<>(libraries));
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        symbolVersions.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        symbolVersions = Collections.unmodifiableMap(copy);
    }

    /**
     * @param glibcFloor the glibc floor, or {@code null}
     * @return the platform's default base system, with only the glibc floor (if any) checked
     */
    public static AuditPolicy defaults(String glibcFloor) {
        return new AuditPolicy(null, glibcFloor, null, Map.of(), null);
    }

    /**
     * @param byNamespace values by symbol-version namespace
     * @param <V>         the value type
     * @return the same entries, {@link #MAIN_NAMESPACES} first in that order, then the others by name
     */
    static <V> Map<String, V> ordered(Map<String, V> byNamespace) {
        Map<String, V> out = new LinkedHashMap<>();
        MAIN_NAMESPACES.forEach(ns -> {
            if (byNamespace.containsKey(ns)) {
                out.put(ns, byNamespace.get(ns));
            }
        });
        new TreeSet<>(byNamespace.keySet()).forEach(ns -> out.putIfAbsent(ns, byNamespace.get(ns)));
        return out;
    }

    /**
     * @param namespace a symbol-version namespace, e.g. {@code GLIBCXX}
     * @return the newest numeric version the policy allows in it, e.g. {@code 3.4.19}, or {@code null}
     */
    public String newest(String namespace) {
        if (namespace.equals("GLIBC")) {
            return glibcFloor;
        }
        String best = null;
        for (String v : symbolVersions.getOrDefault(namespace, Set.of())) {
            if (SymbolVersion.numeric(v) && (best == null || VersionOrder.compare(v, best) > 0)) {
                best = v;
            }
        }
        return best;
    }

    /**
     * @return a one-line description for reports, e.g. {@code manylinux_2_17: GLIBC_2.17, GLIBCXX_3.4.19,
     *         CXXABI_1.3.7, GCC_4.8.0}
     */
    public String describe() {
        List<String> limits = new ArrayList<>();
        for (String ns : MAIN_NAMESPACES) {
            String v = newest(ns);
            if (v != null) {
                limits.add(ns + "_" + v);
            }
        }
        String what = name != null ? name : versionsFrom != null ? "glibc floor " + glibcFloor + " with the C++"
                + " runtime of " + versionsFrom : glibcFloor != null ? "glibc floor " + glibcFloor
                : "the platform's base system";
        return limits.isEmpty() || name == null && versionsFrom == null ? what
                : what + " (" + String.join(", ", limits) + ")";
    }
}
