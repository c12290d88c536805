package dev.nativelib.plugin.deps;

import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.variant.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which variant of its native dependencies a CMake build compiles and links against ({@code unpack}'s
 * {@code <variant>}): the baseline unless a label is chosen. A chosen variant is taken from every dependency that has
 * it; a dependency without it gives its baseline (its binaries run on every machine of the platform, the chosen
 * variant's included). If no dependency has it, the label is wrong, and the build stops listing the ones that exist.
 */
public final class VariantChoice {

    /** The value of {@code <variant>} that names the baseline, also the default. */
    public static final String BASELINE = "baseline";

    private VariantChoice() {
    }

    /**
     * @param text {@code <variant>} as configured, or {@code null}
     * @return the label chosen, or {@code null} for the baseline
     * @throws IllegalArgumentException if it is not a variant label
     */
    public static String parse(String text) {
        if (text == null || text.isBlank() || text.trim().equals(BASELINE)) {
            return null;
        }
        String label = text.trim();
        try {
            Classifier parsed = Classifier.parse("linux-x86_64-" + label);
            if (label.equals(parsed.label())) {
                return label;
            }
        } catch (IllegalArgumentException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("<variant> is '" + label + "', which is not a variant label: a lowercase"
                + " letter followed by up to 15 lowercase letters, digits or _, e.g. v3 or cuda12; leave it unset (or"
                + " set it to " + BASELINE + ") for the baseline.");
    }

    /**
     * @param label    the variant chosen
     * @param platform the platform the build is for
     * @param existing per dependency ({@code groupId:artifactId:version}), the labels of the JARs it has for the
     *                 platform, {@value #BASELINE} for the baseline's, in any order
     * @return the message for a variant no native dependency has
     */
    public static String noneHasIt(String label, Platform platform, Map<String, List<String>> existing) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>();
        existing.forEach((coordinates, found) -> {
            // The baseline first, then the variants by label.
            List<String> labels = new ArrayList<>(new TreeSet<>(found));
            if (labels.remove(BASELINE)) {
                labels.add(0, BASELINE);
            }
            lines.add("  " + coordinates + ": " + (labels.isEmpty() ? "none found" : String.join(", ", labels)));
            all.addAll(labels);
        });
        all.remove(BASELINE);
        return "No native dependency has a variant " + label + " for " + platform + " (a JAR with the classifier "
                + platform + "-" + label + "). The variants that exist:\n" + String.join("\n", lines)
                + "\nChoose one of them with <variant> (-Dnativelib.variant=" + (all.isEmpty() ? "<label>"
                : all.first()) + "), or leave it unset for the baseline.";
    }
}
