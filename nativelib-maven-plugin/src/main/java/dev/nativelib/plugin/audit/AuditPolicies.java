package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.VersionOrder;
import dev.nativelib.loader.platform.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The named audit policies: auditwheel's manylinux and musllinux policies (read from {@code policies.txt} beside this
 * class, whose header names the auditwheel commit), and how a package's {@code <auditPolicy>} and
 * {@code <glibcFloor>} become the {@link AuditPolicy} its audit uses.
 */
public final class AuditPolicies {

    private static final Map<String, Named> POLICIES = load();

    private AuditPolicies() {
    }

    /** One policy as the resource describes it. */
    private record Named(String name, String libc, String glibcFloor, List<String> aliases, Set<String> libraries,
                         List<String> arches, Map<String, Map<String, Set<String>>> versions) {
    }

    /**
     * @return the names of the known policies, oldest first, e.g. {@code manylinux_2_17}
     */
    public static List<String> names() {
        return List.copyOf(POLICIES.keySet());
    }

    /**
     * Decides what a package is audited against.
     *
     * <ul>
     *   <li>{@code auditPolicy} names policies (comma-separated, e.g. {@code manylinux_2_28,musllinux_1_2}); the one
     *       for the platform's C library applies: a {@code manylinux_*} policy to {@code linux-<arch>}, a
     *       {@code musllinux_*} one to {@code linux-<arch>-musl}. Its libraries replace the default base system, its
     *       glibc floor and symbol versions are checked. Other platforms use their default base system.</li>
     *   <li>Without a policy, {@code glibcFloor} sets the glibc floor of a {@code linux-<arch>} package, and the C++
     *       runtime versions ({@code GLIBCXX}, {@code CXXABI}, {@code GCC}, …) of the newest manylinux policy whose
     *       floor is not newer are checked too: a system with that glibc has no newer libstdc++.</li>
     * </ul>
     *
     * @param platform    the package's platform
     * @param auditPolicy policy names, or {@code null}/blank
     * @param glibcFloor  a glibc version, or {@code null}/blank
     * @return the policy to audit against
     * @throws IllegalArgumentException naming what is wrong and the fix: an unknown policy, two policies for one C
     *                                  library, a policy without data for the platform's architecture, a malformed
     *                                  or contradicting {@code glibcFloor}
     */
    public static AuditPolicy resolve(Platform platform, String auditPolicy, String glibcFloor) {
        String floor = glibcFloor == null || glibcFloor.isBlank() ? null : glibcFloor.trim();
        if (floor != null) {
            try {
                VersionOrder.compare(floor, "0");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("<glibcFloor>: " + e.getMessage());
            }
        }
        if (!platform.os().equals("linux") || "musl".equals(platform.variant())) {
            floor = null;
        }
        String libc = !platform.os().equals("linux") ? null : platform.variant() == null ? "glibc"
                : platform.variant().equals("musl") ? "musl" : null;
        Named chosen = null;
        if (auditPolicy != null) {
            for (String n : auditPolicy.split(",")) {
                if (n.isBlank()) {
                    continue;
                }
                Named p = find(n.trim());
                if (p.libc().equals(libc)) {
                    if (chosen != null) {
                        throw new IllegalArgumentException("<auditPolicy> names two policies for " + libc + ", "
                                + chosen.name() + " and " + p.name() + "; keep one");
                    }
                    chosen = p;
                }
            }
        }
        if (chosen == null) {
            return floor == null || !"glibc".equals(libc) ? AuditPolicy.defaults(floor) : fromFloor(platform, floor);
        }
        if (floor != null && chosen.glibcFloor() != null && VersionOrder.compare(floor, chosen.glibcFloor()) != 0) {
            throw new IllegalArgumentException("<glibcFloor>" + floor + "</glibcFloor> contradicts <auditPolicy>"
                    + chosen.name() + "</auditPolicy>, whose glibc floor is " + chosen.glibcFloor()
                    + "; remove <glibcFloor>");
        }
        if (!chosen.arches().contains(platform.arch())) {
            throw new IllegalArgumentException(chosen.name() + " does not cover " + platform.arch() + " (it covers "
                    + String.join(", ", chosen.arches()) + "); choose a policy that does for " + platform);
        }
        return new AuditPolicy(chosen.name(), chosen.glibcFloor(), chosen.libraries(),
                withoutGlibc(chosen.versions().getOrDefault(platform.arch(), Map.of())), null);
    }

    private static AuditPolicy fromFloor(Platform platform, String floor) {
        Named best = null;
        for (Named p : POLICIES.values()) {
            if (p.libc().equals("glibc") && p.arches().contains(platform.arch())
                    && VersionOrder.compare(p.glibcFloor(), floor) <= 0) {
                best = p;
            }
        }
        if (best == null) {
            return AuditPolicy.defaults(floor);
        }
        return new AuditPolicy(null, floor, null, withoutGlibc(best.versions().get(platform.arch())), best.name());
    }

    /** GLIBC is compared with the floor as a number; the policy's set would reject versions between its entries. */
    private static Map<String, Set<String>> withoutGlibc(Map<String, Set<String>> versions) {
        Map<String, Set<String>> out = new LinkedHashMap<>(versions);
        out.remove("GLIBC");
        return out;
    }

    private static Named find(String name) {
        for (Named p : POLICIES.values()) {
            if (p.name().equals(name) || p.aliases().contains(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an audit policy; known policies: "
                + POLICIES.values().stream().map(p -> p.aliases().isEmpty() ? p.name()
                        : p.name() + " (" + String.join(", ", p.aliases()) + ")").collect(Collectors.joining(", ")));
    }

    private static Map<String, Named> load() {
        Map<String, String[]> heads = new LinkedHashMap<>();
        Map<String, Set<String>> libs = new LinkedHashMap<>();
        Map<String, List<String>> arches = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Set<String>>>> versions = new LinkedHashMap<>();
        try (InputStream in = AuditPolicies.class.getResourceAsStream("policies.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource policies.txt is missing from the plugin JAR");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.strip().split(" +");
                switch (f[0]) {
                    case "policy" -> heads.put(f[1], f);
                    case "libs" -> libs.put(f[1], new LinkedHashSet<>(Arrays.asList(f).subList(2, f.length)));
                    case "arches" -> arches.put(f[1], List.of(f).subList(2, f.length));
                    case "versions" -> versions.computeIfAbsent(f[1], k -> new LinkedHashMap<>())
                            .computeIfAbsent(f[2], k -> new LinkedHashMap<>())
                            .put(f[3], new LinkedHashSet<>(Arrays.asList(f).subList(4, f.length)));
                    default -> throw new IllegalStateException("policies.txt: unknown line kind " + f[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Named> out = new LinkedHashMap<>();
        heads.forEach((name, f) -> out.put(name, new Named(name, f[2], f[3].equals("-") ? null : f[3],
                new ArrayList<>(Arrays.asList(f).subList(4, f.length)), libs.getOrDefault(name, Set.of()),
                arches.getOrDefault(name, List.of()), versions.getOrDefault(name, Map.of()))));
        return out;
    }
}
