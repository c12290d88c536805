package dev.nativelib.loader.discovery;

import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageVariant;
import dev.nativelib.loader.diagnostics.Log;
import dev.nativelib.loader.hardware.MachineProperties;
import dev.nativelib.loader.hardware.VariantProperty;
import dev.nativelib.loader.settings.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Chooses, among the variants of one package on the class path (same groupId, artifactId, version and platform; the
 * baseline has no variant), the best one this machine runs, and keeps the packages of one load consistent: once a
 * variant is chosen, every package chosen after it must agree with each of its {@code namespace :: feature} values (a
 * package's CUDA 12 variant gets its dependency's CUDA 12 variant). The requested package is chosen first, then the
 * packages it needs in the order the dependency graph meets them.
 *
 * <p>A variant fits when the machine has every one of its properties and it agrees with the choices made before; the
 * baseline always fits. Among those that fit the best by {@link #compare} is chosen. One instance serves one load;
 * the machine is detected on its first choice among variants, never for a package without variants.
 */
public final class VariantChooser {

    private final Supplier<MachineProperties> detect;
    private MachineProperties machine;
    /** {@code namespace :: feature} chosen so far, to its value and the package variant that chose it. */
    private final Map<String, String[]> chosen = new HashMap<>();
    private final List<String> report = new ArrayList<>();

    /** @param detect gives the machine's properties; called once, at the first choice among variants */
    public VariantChooser(Supplier<MachineProperties> detect) {
        this.detect = detect;
    }

    /**
     * @return a chooser that learns this machine's properties when it first has to choose among variants: from the
     *         machine record an earlier JVM of this boot left in the cache, else by detecting them
     *         ({@code MachineStamp.machine()}, settings applied)
     */
    public static VariantChooser forThisMachine() {
        // An anonymous class rather than a method reference: no invokedynamic bootstrap on a cold start.
        return new VariantChooser(new Supplier<MachineProperties>() {
            @Override
            public MachineProperties get() {
                return dev.nativelib.loader.hardware.MachineStamp.machine();
            }
        });
    }

    /**
     * @param candidates packages of one groupId:artifactId and platform
     * @return whether they are variants of one package: one version, no classifier twice (two baselines, or one
     *         variant in two JARs, are duplicates, as are two versions)
     */
    public static boolean variantsOfOne(List<FoundPackage> candidates) {
        Set<String> classifiers = new HashSet<>();
        String version = candidates.get(0).descriptor().version();
        for (FoundPackage p : candidates) {
            if (!p.descriptor().version().equals(version) || !classifiers.add(p.descriptor().classifier())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Chooses one of the variants of a package.
     *
     * @param candidates the variants of one package ({@link #variantsOfOne}), baseline included if it is there
     * @param why        why the package is loaded ({@code requested}, or which package needs it), for messages
     * @return the best variant that fits
     * @throws VariantException if none fits: the message names each variant, what it needs and why it is out, what
     *                          this machine has, and the settings that override detection
     */
    public FoundPackage choose(List<FoundPackage> candidates, String why) {
        if (candidates.size() == 1 && candidates.get(0).descriptor().variant() == null) {
            return candidates.get(0);
        }
        if (machine == null) {
            machine = detect.get();
        }
        List<FoundPackage> ranked = new ArrayList<>(candidates);
        // Best first; a handful of variants, and no sorting classes to load for them.
        for (int i = 1; i < ranked.size(); i++) {
            for (int j = i; j > 0 && compare(ranked.get(j).descriptor(), ranked.get(j - 1).descriptor()) > 0; j--) {
                ranked.set(j - 1, ranked.set(j, ranked.get(j - 1)));
            }
        }
        FoundPackage picked = null;
        List<String> lines = new ArrayList<>();
        for (FoundPackage p : ranked) {
            String out = whyOut(p.descriptor().variant());
            String state = out != null ? "out: " + out
                    : picked == null ? "picked, the best that fits"
                    : "fits, ranks below " + picked.descriptor().classifier();
            if (out == null && picked == null) {
                picked = p;
            }
            lines.add("  " + describe(p.descriptor()) + ": " + state);
        }
        PackageDescriptor any = candidates.get(0).descriptor();
        String head = any.coordinates() + " [" + any.platform() + "] (" + why + ")";
        if (picked == null) {
            throw new VariantException(failure(head, any, lines));
        }
        report.add("variants of " + head + ", this machine having " + machine.signature() + ":");
        report.addAll(lines);
        if (Log.debugging()) {
            Log.debug("variants of " + head + " on " + machine.signature() + ":\n" + String.join("\n", lines));
        }
        PackageVariant v = picked.descriptor().variant();
        if (v != null) {
            for (VariantProperty p : v.properties()) {
                chosen.putIfAbsent(p.namespace() + " :: " + p.feature(),
                        new String[] {p.value(), picked.descriptor().coordinates() + " [" + picked.descriptor()
                                .classifier() + "]"});
            }
        }
        return picked;
    }

    /** @return why variant {@code v} cannot be chosen, or {@code null} when it fits (the baseline always does) */
    private String whyOut(PackageVariant v) {
        if (v == null) {
            return null;
        }
        List<String> lacks = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (VariantProperty p : v.properties()) {
            if (!machine.has(p)) {
                lacks.add(p.toString());
            }
            String[] before = chosen.get(p.namespace() + " :: " + p.feature());
            if (before != null && !before[0].equals(p.value())) {
                conflicts.add(p.namespace() + " :: " + p.feature() + " :: " + before[0] + " of " + before[1]);
            }
        }
        String why = lacks.isEmpty() ? "" : "this machine lacks " + String.join(", ", lacks);
        if (!conflicts.isEmpty()) {
            why += (why.isEmpty() ? "" : "; ") + "conflicts with " + String.join(", ", conflicts)
                    + ", chosen before";
        }
        return why.isEmpty() ? null : why;
    }

    private String failure(String head, PackageDescriptor any, List<String> lines) {
        StringBuilder m = new StringBuilder("No variant of ").append(head).append(" fits this machine:\n");
        for (String line : lines) {
            m.append(line).append('\n');
        }
        m.append("This machine has: ").append(machine.signature())
                .append(" (-D").append(Settings.LOG.property()).append("=debug shows how each was found).\n")
                .append("Add the baseline of ").append(any.groupId()).append(':').append(any.artifactId())
                .append(" (<classifier>").append(any.platform().name())
                .append("</classifier>) to the dependencies, or a variant this machine runs. If the machine has a"
                        + " property detection does not see, add it with -D").append(Settings.HARDWARE_ADD.property())
                .append("='namespace :: feature :: value' (or ").append(Settings.HARDWARE_ADD.environment())
                .append("); -D").append(Settings.HARDWARE_MASK.property()).append(" (or ")
                .append(Settings.HARDWARE_MASK.environment())
                .append(") takes properties away, to steer an earlier choice.");
        return m.toString();
    }

    /** @return {@code <classifier> (<properties>)}, or {@code <classifier> (baseline)} */
    static String describe(PackageDescriptor d) {
        return d.classifier() + " (" + (d.variant() == null ? "baseline" : d.variant().describe()) + ")";
    }

    /**
     * The ranking of variants: compares their properties feature by feature, in this order of namespaces:
     * {@code cuda} (accelerators, whose use dwarfs any processor feature), then {@code x86_64} and {@code aarch64},
     * then every other namespace alphabetically; within a namespace by feature name. For each feature the variant
     * with the higher value ranks higher (values compare as {@link VariantProperty} orders them, numbers by value:
     * {@code v10} above {@code v9}), and having the feature ranks above not having it. The first feature that differs
     * decides; variants that do not differ rank by label, the alphabetically first higher. The baseline, which has no
     * features, ranks below every variant.
     *
     * @param a a package
     * @param b another variant of it
     * @return positive when {@code a} ranks above {@code b}, negative when below, 0 when both are the baseline
     */
    public static int compare(PackageDescriptor a, PackageDescriptor b) {
        List<VariantProperty> pa = inRankOrder(a.variant());
        List<VariantProperty> pb = inRankOrder(b.variant());
        int i = 0;
        int j = 0;
        while (i < pa.size() || j < pb.size()) {
            VariantProperty x = i < pa.size() ? pa.get(i) : null;
            VariantProperty y = j < pb.size() ? pb.get(j) : null;
            // Both lists are in feature order and hold each feature once: a merge.
            int c = x == null ? 1 : y == null ? -1 : compareFeatures(x, y);
            if (c < 0) {
                return 1;
            }
            if (c > 0) {
                return -1;
            }
            int v = x.compareTo(y);
            if (v != 0) {
                return v;
            }
            i++;
            j++;
        }
        if (a.variant() == null || b.variant() == null) {
            return 0;
        }
        return b.variant().label().compareTo(a.variant().label());
    }

    /** The variant's properties in the ranking's feature order (a variant's own order is alphabetical). */
    private static List<VariantProperty> inRankOrder(PackageVariant v) {
        List<VariantProperty> out = new ArrayList<>();
        if (v != null) {
            for (VariantProperty p : v.properties()) {
                int at = out.size();
                while (at > 0 && compareFeatures(out.get(at - 1), p) > 0) {
                    at--;
                }
                out.add(at, p);
            }
        }
        return out;
    }

    /** Feature order of the ranking: namespace priority, namespace, feature. */
    private static int compareFeatures(VariantProperty x, VariantProperty y) {
        int c = Integer.compare(priority(x.namespace()), priority(y.namespace()));
        if (c == 0) {
            c = x.namespace().compareTo(y.namespace());
        }
        return c != 0 ? c : x.feature().compareTo(y.feature());
    }

    private static int priority(String namespace) {
        return switch (namespace) {
            case "cuda" -> 0;
            case "x86_64", "aarch64" -> 1;
            default -> 2;
        };
    }

    /** @return the machine's properties if a choice among variants needed them, else {@code null} (not detected) */
    public MachineProperties machine() {
        return machine;
    }

    /**
     * @return for each package chosen among variants, a heading line and one line per variant saying whether it was
     *         picked, fits but ranks lower, or is out and why; empty when no package had variants
     */
    public List<String> report() {
        return report;
    }

    /** No variant of a package fits the machine and the choices made before it. */
    public static final class VariantException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        VariantException(String message) {
            super(message);
        }
    }
}
