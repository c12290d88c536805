package dev.nativelib.plugin.assemble;

import dev.nativelib.loader.descriptor.Sha256;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.variant.Classifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Picks one JAR per platform and checks the platforms against the expected set: none missing, none unexpected, no
 * platform with two JARs.
 */
public final class PlatformSet {

    private final TreeSet<String> expected = new TreeSet<>();

    /** @param expected the platforms the release must have, at least one */
    public PlatformSet(Collection<Platform> expected) {
        this(expected.stream().map(p -> new Classifier(p, null)).toList(), true);
    }

    /**
     * @param expected the classifiers the release must have, at least one: platforms, and
     *                 {@code <platform>-<label>} for hardware variants
     * @param unused   tells this constructor from the one taking platforms
     */
    private PlatformSet(List<Classifier> expected, boolean unused) {
        expected.forEach(c -> this.expected.add(c.name()));
        if (this.expected.isEmpty()) {
            throw new IllegalArgumentException("no expected platforms: name every platform the release must have");
        }
    }

    /**
     * @param expected the classifiers the release must have, at least one: platforms, and
     *                 {@code <platform>-<label>} for hardware variants
     * @return the set
     */
    public static PlatformSet ofClassifiers(List<Classifier> expected) {
        return new PlatformSet(expected, true);
    }

    /** @return the expected platform names, sorted */
    public List<String> expected() {
        return List.copyOf(expected);
    }

    /**
     * @param chosen    per classifier (sorted by name), the JAR the release carries: the one this build attached when
     *                  there is one, else the one from the directory
     * @param identical JARs from the directory left out because this build attached the same bytes
     * @param problems  what is wrong with the set, one message each
     */
    public record Selection(Map<String, PlatformJar> chosen, List<PlatformJar> identical, List<String> problems) {
    }

    /**
     * @param fromDirectory JARs from the assemble directory
     * @param attached      nativelib JARs this build attached itself
     * @return the selection, with every problem found
     * @throws IOException if a JAR cannot be hashed to compare it with the one this build attached
     */
    public Selection select(List<PlatformJar> fromDirectory, List<PlatformJar> attached) throws IOException {
        Map<String, List<PlatformJar>> byPlatform = new TreeMap<>();
        fromDirectory.forEach(j -> byPlatform.computeIfAbsent(j.classifier(), k -> new ArrayList<>()).add(j));
        Map<String, PlatformJar> attachedByPlatform = new TreeMap<>();
        attached.forEach(j -> attachedByPlatform.putIfAbsent(j.classifier(), j));
        TreeSet<String> present = new TreeSet<>(byPlatform.keySet());
        present.addAll(attachedByPlatform.keySet());

        Map<String, PlatformJar> chosen = new LinkedHashMap<>();
        List<PlatformJar> identical = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String platform : present) {
            List<PlatformJar> built = byPlatform.getOrDefault(platform, List.of());
            PlatformJar own = attachedByPlatform.get(platform);
            if (built.size() > 1) {
                problems.add("platform " + platform + " has " + built.size() + " JARs in the directory: "
                        + labels(built) + "; a release carries one per platform, remove the others");
            } else if (built.size() == 1 && own != null) {
                PlatformJar other = built.get(0);
                if (Sha256.of(other.file()).equals(Sha256.of(own.file()))) {
                    identical.add(other);
                } else {
                    problems.add("platform " + platform + ": " + other.label() + " differs from the JAR this build"
                            + " attached (" + own.file() + "); a release carries one per platform: remove it from"
                            + " the directory, or do not package " + platform + " in this build"
                            + " (-Dnativelib.skip=true)");
                }
            }
            PlatformJar pick = own != null ? own : built.get(0);
            chosen.put(pick.classifier(), pick);
            if (!expected.contains(platform)) {
                List<PlatformJar> all = new ArrayList<>(built);
                if (own != null) {
                    all.add(own);
                }
                problems.add("unexpected platform " + platform + " (" + labels(all) + "): not in <expectedPlatforms>;"
                        + " add it there, or remove the JAR");
            }
        }
        List<String> missing = expected.stream().filter(p -> !present.contains(p)).toList();
        if (!missing.isEmpty()) {
            problems.add("missing platform" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + ": neither the directory nor this build has a JAR for " + (missing.size() == 1 ? "it" : "them"));
        }
        return new Selection(chosen, identical, problems);
    }

    private static String labels(List<PlatformJar> jars) {
        return jars.stream().map(PlatformJar::label).collect(Collectors.joining(", "));
    }
}
