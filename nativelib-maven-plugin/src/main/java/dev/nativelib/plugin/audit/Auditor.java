package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.binary.BinaryInfo;
import dev.nativelib.loader.binary.VersionOrder;
import dev.nativelib.loader.platform.Platform;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the libraries of a package against the rules in {@link AuditRule}. Pure logic: it sees only what the binary
 * readers reported, the package's platform, and the names other packages provide.
 */
public final class Auditor {

    private final Platform platform;
    private final Map<AuditRule, Severity> severities;
    private final String glibcFloor;
    private final Set<String> dependencyNames;

    /**
     * @param platform        the package's platform
     * @param severities      configured severities; rules not in the map use their default
     * @param glibcFloor      the oldest glibc the package must run on, e.g. {@code 2.17}; {@code null} to not check
     * @param dependencyNames library names (SONAMEs, install names, DLL names, file names) that declared native
     *                        dependencies provide
     */
    public Auditor(Platform platform, Map<AuditRule, Severity> severities, String glibcFloor,
                   Set<String> dependencyNames) {
        this.platform = platform;
        this.severities = new EnumMap<>(AuditRule.class);
        this.severities.putAll(severities);
        this.glibcFloor = glibcFloor;
        this.dependencyNames = dependencyNames.stream().map(this::key).collect(Collectors.toSet());
    }

    /**
     * @param libraries the package's libraries
     * @param aliases   names of symbolic links in the package (file names), which also satisfy needed names
     * @return every finding whose severity is not {@link Severity#IGNORE}, in library order
     */
    public List<Finding> audit(List<AuditedLibrary> libraries, Set<String> aliases) {
        Set<String> packageNames = new LinkedHashSet<>();
        for (AuditedLibrary l : libraries) {
            packageNames.add(key(l.fileName()));
            for (BinaryInfo s : l.slices()) {
                if (s.identity() != null) {
                    packageNames.add(key(s.identity()));
                }
            }
        }
        aliases.forEach(a -> packageNames.add(key(a)));
        List<Finding> findings = new ArrayList<>();
        for (AuditedLibrary l : libraries) {
            checkArchitecture(l, findings);
            BinaryInfo info = l.slices().get(0);
            checkIdentity(l, info, findings);
            for (String runPath : new LinkedHashSet<>(l.slices().stream().flatMap(s -> s.runPaths().stream())
                    .toList())) {
                checkRunPath(l, runPath, findings);
            }
            Set<String> needed = new LinkedHashSet<>();
            l.slices().forEach(s -> needed.addAll(s.needed()));
            for (String n : needed) {
                String pathProblem = neededByPath(info.format(), n);
                if (pathProblem != null) {
                    add(findings, AuditRule.ABSOLUTE_RUNPATH, l, "needs " + n + " by " + pathProblem + ", so the"
                            + " dynamic loader looks for that path instead of matching the copy nativelib preloads.",
                            info.format() == BinaryFormat.MACH_O
                            ? "link it by @rpath/" + n.substring(n.lastIndexOf('/') + 1) + " (its install name should be"
                            + " @rpath/...; install_name_tool -change " + n + " @rpath/"
                            + n.substring(n.lastIndexOf('/') + 1) + ")."
                            : "link it by SONAME: give the library a SONAME (-Wl,-soname) and link with -l or the"
                            + " file name, not a path.");
                    continue;
                }
                if (info.format() == BinaryFormat.ELF && wrongLibc(l, n, findings)) {
                    continue;
                }
                if (!packageNames.contains(key(n)) && !dependencyNames.contains(key(n))
                        && !BaseSystem.provides(platform.os(), platform.variant(), n)) {
                    add(findings, AuditRule.UNRESOLVED_DEPENDENCY, l, "needs " + n + ", which neither this package,"
                            + " a declared native dependency, nor the " + platform.os() + " base system provides.",
                            "ship " + n + " in this package (install it into the prefix), or add the native package"
                            + " that provides it as a Maven dependency with <classifier>" + platform.name()
                            + "</classifier>.");
                }
            }
            if (glibcFloor != null && info.minimumGlibc() != null
                    && VersionOrder.compare(info.minimumGlibc(), glibcFloor) > 0) {
                add(findings, AuditRule.GLIBC_TOO_NEW, l, "requires GLIBC_" + info.minimumGlibc() + " (the newest"
                        + " symbol version it uses), newer than the floor " + glibcFloor + "; it will not load on"
                        + " systems with an older glibc.", "build on a system (or in a container) whose glibc is "
                        + glibcFloor + " or older, or raise <glibcFloor>.");
            }
        }
        return findings;
    }

    private void checkArchitecture(AuditedLibrary l, List<Finding> findings) {
        BinaryFormat expected = switch (platform.os()) {
            case "osx" -> BinaryFormat.MACH_O;
            case "windows" -> BinaryFormat.PE;
            default -> BinaryFormat.ELF;
        };
        BinaryFormat actual = l.slices().get(0).format();
        if (actual != expected) {
            add(findings, AuditRule.ARCHITECTURE, l, "is a " + name(actual) + " file, but the package's platform "
                    + platform + " needs " + name(expected) + ".", "package it under the classifier of the platform"
                    + " it was built for (set <platform>), or build it for " + platform + ".");
            return;
        }
        List<String> arches = l.slices().stream().map(BinaryInfo::architecture).toList();
        if (!arches.contains(platform.arch())) {
            add(findings, AuditRule.ARCHITECTURE, l, "contains code for " + String.join(", ", arches)
                    + ", but the package's platform " + platform + " needs " + platform.arch() + ".",
                    "build it for " + platform.arch() + " (check the compiler / CMAKE_OSX_ARCHITECTURES), or package"
                    + " it under the classifier it was built for (set <platform>).");
        }
    }

    private void checkIdentity(AuditedLibrary l, BinaryInfo info, List<Finding> findings) {
        if (info.format() == BinaryFormat.ELF && info.identity() == null) {
            add(findings, AuditRule.MISSING_SONAME, l, "has no SONAME, so a library that needs it cannot be"
                    + " matched against the copy nativelib preloads.", "link it with -Wl,-soname,"
                    + l.fileName() + " (CMake sets it for SHARED libraries; MODULE libraries have none).");
        } else if (info.format() == BinaryFormat.MACH_O && info.identity() == null) {
            add(findings, AuditRule.MISSING_SONAME, l, "has no install name (LC_ID_DYLIB): it is a bundle, which no"
                    + " other library can link against.", "build it as a dynamic library (-dynamiclib, CMake"
                    + " SHARED) if other libraries link against it.");
        } else if (info.format() == BinaryFormat.MACH_O && info.identity().startsWith("/")
                && !BaseSystem.provides("osx", null, info.identity())) {
            add(findings, AuditRule.ABSOLUTE_RUNPATH, l, "has the absolute install name " + info.identity()
                    + ", a path on the build machine that libraries linked against it will look for.",
                    "build with -DCMAKE_INSTALL_NAME_DIR=@rpath (or install_name_tool -id @rpath/" + l.fileName()
                    + ").");
        }
    }

    private void checkRunPath(AuditedLibrary l, String runPath, List<Finding> findings) {
        boolean elf = l.slices().get(0).format() == BinaryFormat.ELF;
        String origin = elf ? "$ORIGIN" : "@loader_path";
        String what = elf ? "run path" : "LC_RPATH";
        if (runPath.startsWith("/")) {
            add(findings, AuditRule.ABSOLUTE_RUNPATH, l, what + " " + runPath + " is an absolute path on the build"
                    + " machine; it does not exist where the package is used, and could load something else if"
                    + " it does.", elf
                    ? "build with -DCMAKE_INSTALL_RPATH='$ORIGIN' (or a $ORIGIN-relative path), or set"
                    + " <rewriteRunPaths>true</rewriteRunPaths> to rewrite it while packaging."
                    : "build with -DCMAKE_INSTALL_RPATH=@loader_path (or install_name_tool -rpath " + runPath
                    + " @loader_path).");
            return;
        }
        String rest = stripOrigin(runPath, elf);
        if (rest == null) {
            add(findings, AuditRule.ESCAPING_RUNPATH, l, what + " " + runPath + " is relative to the process's"
                    + " working directory (or the executable), not to the library.", "make it relative to the"
                    + " library, e.g. " + origin + " or " + origin + "/../lib.");
            return;
        }
        Deque<String> dir = new ArrayDeque<>();
        for (String s : l.directory().split("/")) {
            if (!s.isEmpty()) {
                dir.addLast(s);
            }
        }
        for (String s : rest.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (dir.isEmpty()) {
                    add(findings, AuditRule.ESCAPING_RUNPATH, l, what + " " + runPath + " leaves the package, so it"
                            + " points at whatever happens to be beside the extracted package.", "keep run paths"
                            + " inside the package (e.g. " + origin + " or " + origin + "/../lib), and ship or"
                            + " declare what it was meant to find.");
                    return;
                }
                dir.removeLast();
            } else {
                dir.addLast(s);
            }
        }
    }

    /**
     * Checks that a needed name that belongs to a C library belongs to the package's: glibc for
     * {@code linux-<arch>}, musl for {@code linux-<arch>-musl}.
     *
     * @return whether {@code needed} is the other libc's (then reported here, not as an unresolved dependency)
     */
    private boolean wrongLibc(AuditedLibrary l, String needed, List<Finding> findings) {
        String expected = !platform.os().equals("linux") ? null
                : platform.variant() == null ? "glibc" : "musl".equals(platform.variant()) ? "musl" : null;
        String owner = BaseSystem.linuxLibcOf(needed);
        if (expected == null || owner == null || owner.equals(expected)) {
            return false;
        }
        Platform other = Platform.of(platform.os(), platform.arch(), owner.equals("musl") ? "musl" : null);
        add(findings, AuditRule.WRONG_LIBC, l, "needs " + needed + ", which is part of " + owner + ", but the"
                + " package's platform " + platform + " is for " + expected + "; it will not load on " + expected
                + " systems.", "build it " + (expected.equals("musl")
                ? "with musl (musl-gcc, or on a musl distribution such as Alpine)"
                : "against glibc (gcc on a glibc distribution)") + ", or package it as " + other
                + " (set <platform>).");
        return true;
    }

    /** @return how a needed name is a path the loader will look at literally, or {@code null} if it is not */
    private static String neededByPath(BinaryFormat format, String n) {
        if (format == BinaryFormat.ELF && n.contains("/")) {
            return n.startsWith("/") ? "absolute path" : "relative path";
        }
        if (format == BinaryFormat.MACH_O && n.startsWith("/") && !BaseSystem.provides("osx", null, n)) {
            return "absolute path";
        }
        return null;
    }

    /** @return the part after the origin token, or {@code null} if the path does not start with one */
    private static String stripOrigin(String runPath, boolean elf) {
        // dyld does not expand @rpath inside LC_RPATH, and @executable_path is the java launcher's directory.
        String[] tokens = elf ? new String[] {"$ORIGIN", "${ORIGIN}"} : new String[] {"@loader_path"};
        for (String t : tokens) {
            if (runPath.equals(t) || runPath.startsWith(t + "/")) {
                return runPath.substring(t.length());
            }
        }
        return null;
    }

    private void add(List<Finding> findings, AuditRule rule, AuditedLibrary l, String problem, String fix) {
        Severity severity = severities.getOrDefault(rule, rule.defaultSeverity());
        if (severity != Severity.IGNORE) {
            findings.add(new Finding(rule, severity, l.path(), problem, fix));
        }
    }

    private String key(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return platform.os().equals("windows") ? last.toLowerCase(Locale.ROOT) : last;
    }

    private static String name(BinaryFormat f) {
        return switch (f) {
            case ELF -> "ELF";
            case MACH_O -> "Mach-O";
            case PE -> "PE";
        };
    }
}
