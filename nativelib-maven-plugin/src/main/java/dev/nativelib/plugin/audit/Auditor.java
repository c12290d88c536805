package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.binary.BinaryInfo;
import dev.nativelib.loader.descriptor.PackageVariant;
import dev.nativelib.loader.binary.VersionOrder;
import dev.nativelib.loader.platform.Platform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Audits the libraries of a package: establishes what satisfies each needed library and which symbol versions each
 * requires ({@link LibraryFacts}), runs every rule on them, and applies the configured severities, in this one place,
 * to what the rules found. Pure logic: it sees only what the binary readers reported, the package's platform and
 * policy, and the names other packages provide.
 */
public final class Auditor {

    /** One check per rule, in the rules' order, which is the order of a library's findings. */
    private static final List<AuditCheck> CHECKS = Stream.of(new ArchitectureCheck(), new MissingSonameCheck(),
            new AbsolutePathCheck(), new EscapingRunPathCheck(), new WrongLibcCheck(), new UnresolvedDependencyCheck(),
            new GlibcFloorCheck(), new SymbolVersionCheck()).sorted(Comparator.comparing(AuditCheck::rule)).toList();

    private final Platform platform;
    private final AuditPolicy policy;
    private final Map<AuditRule, Severity> severities;
    private final Map<String, String> dependencyNames = new LinkedHashMap<>();

    /**
     * @param platform        the package's platform
     * @param policy          what to audit against (see {@link AuditPolicies#resolve})
     * @param severities      configured severities; rules not in the map use their default
     * @param dependencyNames library names (SONAMEs, install names, DLL names, file names) that declared native
     *                        dependencies provide, each mapped to the providing package's coordinates
     */
    public Auditor(Platform platform, AuditPolicy policy, Map<AuditRule, Severity> severities,
                   Map<String, String> dependencyNames) {
        this.platform = platform;
        this.policy = policy;
        this.severities = new EnumMap<>(AuditRule.class);
        this.severities.putAll(severities);
        dependencyNames.forEach((n, gav) -> this.dependencyNames.putIfAbsent(key(n), gav));
    }

    /**
     * @param libraries the package's libraries
     * @param aliases   names of symbolic links in the package (file names), which also satisfy needed names
     * @return the report: every library's facts and its findings whose severity is not {@link Severity#IGNORE}
     */
    public AuditReport audit(List<AuditedLibrary> libraries, Set<String> aliases) {
        return audit(libraries, aliases, null);
    }

    /**
     * @param libraries the package's libraries
     * @param aliases   names of symbolic links in the package (file names), which also satisfy needed names
     * @param variant   the hardware variant the package is, or {@code null} for the baseline
     * @return the report: the package's findings (of its variant), then every library's facts and findings, each
     *         finding's severity applied and {@link Severity#IGNORE}d ones left out
     */
    public AuditReport audit(List<AuditedLibrary> libraries, Set<String> aliases, PackageVariant variant) {
        List<Finding> packageFindings = new ArrayList<>();
        Severity variantSeverity = severities.getOrDefault(AuditRule.VARIANT_ARCHITECTURE,
                AuditRule.VARIANT_ARCHITECTURE.defaultSeverity());
        if (variantSeverity != Severity.IGNORE) {
            for (AuditCheck.Violation v : VariantCheck.check(platform, variant)) {
                packageFindings.add(new Finding(AuditRule.VARIANT_ARCHITECTURE, variantSeverity,
                        platform.name() + "-" + variant.label(), v.problem(), v.fix()));
            }
        }
        Map<String, String> packageNames = new LinkedHashMap<>();
        for (AuditedLibrary l : libraries) {
            packageNames.putIfAbsent(key(l.fileName()), l.path());
            for (BinaryInfo s : l.slices()) {
                if (s.identity() != null) {
                    packageNames.putIfAbsent(key(s.identity()), l.path());
                }
            }
        }
        aliases.forEach(a -> packageNames.putIfAbsent(key(a), a));
        List<AuditReport.LibraryResult> results = new ArrayList<>();
        for (AuditedLibrary l : libraries) {
            LibraryFacts facts = facts(l, packageNames);
            List<Finding> findings = new ArrayList<>();
            for (AuditCheck check : CHECKS) {
                Severity severity = severities.getOrDefault(check.rule(), check.rule().defaultSeverity());
                if (severity == Severity.IGNORE) {
                    continue;
                }
                for (AuditCheck.Violation v : check.check(facts, platform, policy)) {
                    findings.add(new Finding(check.rule(), severity, l.path(), v.problem(), v.fix()));
                }
            }
            results.add(new AuditReport.LibraryResult(facts, findings));
        }
        return new AuditReport(platform, policy, packageFindings, results);
    }

    private LibraryFacts facts(AuditedLibrary l, Map<String, String> packageNames) {
        BinaryFormat format = l.slices().get(0).format();
        Map<String, List<String>> versions = new LinkedHashMap<>();
        Set<String> runPaths = new LinkedHashSet<>();
        for (BinaryInfo s : l.slices()) {
            s.needed().forEach(n -> versions.computeIfAbsent(n, k -> new ArrayList<>()));
            runPaths.addAll(s.runPaths());
        }
        // Version needs attach to the DT_NEEDED entry of their file; a file only the version table names is not a
        // dependency of its own (its GLIBC versions still count in minimumGlibc).
        for (BinaryInfo s : l.slices()) {
            s.versionNeeds().forEach((file, names) -> {
                List<String> known = versions.get(file);
                if (known != null) {
                    names.stream().filter(v -> !known.contains(v)).forEach(known::add);
                }
            });
        }
        List<NeededLibrary> needed = new ArrayList<>();
        Map<String, String> newest = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : versions.entrySet()) {
            NeededLibrary n = resolve(format, e.getKey(), e.getValue(), packageNames);
            needed.add(n);
            if (n.provider() == Provider.BASE_SYSTEM) {
                for (String name : n.versions()) {
                    SymbolVersion v = SymbolVersion.parse(name);
                    if (v != null && SymbolVersion.numeric(v.version())) {
                        newest.merge(v.namespace(), v.version(), (a, b) -> VersionOrder.compare(a, b) >= 0 ? a : b);
                    }
                }
            }
        }
        String glibc = l.slices().get(0).minimumGlibc();
        if (glibc != null) {
            newest.put("GLIBC", glibc);
        }
        return new LibraryFacts(l, needed, List.copyOf(runPaths), AuditPolicy.ordered(newest));
    }

    private NeededLibrary resolve(BinaryFormat format, String n, List<String> versions,
                                  Map<String, String> packageNames) {
        if (format == BinaryFormat.ELF && n.contains("/")) {
            return new NeededLibrary(n, Provider.BY_PATH, n.startsWith("/") ? "absolute path" : "relative path",
                    versions);
        }
        if (format == BinaryFormat.MACH_O && n.startsWith("/")) {
            return BaseSystem.provides("osx", null, n)
                    ? new NeededLibrary(n, Provider.BASE_SYSTEM, baseName(), versions)
                    : new NeededLibrary(n, Provider.BY_PATH, "absolute path", versions);
        }
        if (format == BinaryFormat.ELF) {
            String owner = platform.os().equals("linux") ? BaseSystem.linuxLibcOf(n) : null;
            String expected = !platform.os().equals("linux") ? null : platform.variant() == null ? "glibc"
                    : "musl".equals(platform.variant()) ? "musl" : null;
            if (owner != null && expected != null && !owner.equals(expected)) {
                return new NeededLibrary(n, Provider.OTHER_LIBC, owner, versions);
            }
        }
        if (packageNames.containsKey(key(n))) {
            return new NeededLibrary(n, Provider.PACKAGE, packageNames.get(key(n)), versions);
        }
        if (dependencyNames.containsKey(key(n))) {
            return new NeededLibrary(n, Provider.DEPENDENCY, dependencyNames.get(key(n)), versions);
        }
        if (providedByBase(n)) {
            return new NeededLibrary(n, Provider.BASE_SYSTEM, baseName(), versions);
        }
        return new NeededLibrary(n, Provider.NONE, null, versions);
    }

    private boolean providedByBase(String n) {
        if (policy.libraries() == null || !platform.os().equals("linux")) {
            return BaseSystem.provides(platform.os(), platform.variant(), n);
        }
        // A policy lists libraries, not the C library's dynamic loader, which every process has already mapped.
        return policy.libraries().contains(n) || BaseSystem.isLinuxLoader(n);
    }

    private String baseName() {
        return policy.name() != null && platform.os().equals("linux") ? policy.name()
                : BaseSystem.describe(platform.os(), platform.variant());
    }

    private String key(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return platform.os().equals("windows") ? last.toLowerCase(Locale.ROOT) : last;
    }
}
