package dev.nativelib.plugin.variant;

import dev.nativelib.loader.descriptor.PackageVariant;
import dev.nativelib.loader.platform.Libc;
import dev.nativelib.loader.platform.Platform;

/**
 * A package's Maven classifier read back into its platform and variant label: {@code <platform>} for a baseline,
 * {@code <platform>-<label>} for a variant ({@code linux-x86_64-v3}, {@code linux-x86_64-musl-cuda12}). A third part
 * that is a C library ({@code musl}) belongs to the platform; labels never take those names.
 *
 * @param platform the platform
 * @param label    the variant's label, or {@code null} for the baseline
 */
public record Classifier(Platform platform, String label) {

    /**
     * @param text a classifier, e.g. {@code linux-x86_64} or {@code linux-x86_64-v3}
     * @return its parts
     * @throws IllegalArgumentException if it is neither a platform name nor one followed by a variant label
     */
    public static Classifier parse(String text) {
        String[] parts = text.split("-", -1);
        try {
            if (parts.length == 2 || parts.length == 3 && parts[2].equals(Libc.MUSL)) {
                return new Classifier(Platform.parse(text), null);
            }
            if (parts.length == 3 || parts.length == 4 && parts[2].equals(Libc.MUSL)) {
                String label = parts[parts.length - 1];
                if (isLabel(label)) {
                    return new Classifier(Platform.parse(text.substring(0, text.length() - label.length() - 1)),
                            label);
                }
            }
        } catch (IllegalArgumentException e) {
            // Reported below, with the form expected.
        }
        throw new IllegalArgumentException("'" + text + "' is not a classifier of a native package; expected"
                + " <os>-<arch>, <os>-<arch>-musl, or either followed by -<variant label>, e.g. linux-x86_64,"
                + " linux-x86_64-v3, linux-x86_64-musl-cuda12");
    }

    /** @return the classifier: the platform name, then {@code -<label>} for a variant */
    public String name() {
        return label == null ? platform.name() : platform.name() + "-" + label;
    }

    /** @return whether this is a platform's baseline */
    public boolean baseline() {
        return label == null;
    }

    private static boolean isLabel(String s) {
        // baseline: -Dnativelib.platform=<platform>-baseline narrows a platform POM to the baseline.
        return PackageVariant.isValidLabel(s) && !s.equals("baseline");
    }
}
