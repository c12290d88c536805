package dev.nativelib.loader.descriptor;

import dev.nativelib.loader.hardware.VariantProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What makes a package a hardware variant: a short label, which names it in its classifier
 * ({@code <platform>-<label>}, e.g. {@code linux-x86_64-v3}), and the properties a machine must have to run it, e.g.
 * {@code x86_64 :: level :: v3} or {@code cuda :: runtime :: 12}. A package without a variant is the baseline every
 * machine of its platform runs.
 *
 * @param label      the label: a lowercase letter, then up to 15 lowercase letters, digits or {@code _}; never a C
 *                   library's name ({@code musl}), which would read as a platform
 * @param properties what the machine must have, sorted; at most one value per {@code namespace :: feature}
 */
public record PackageVariant(String label, List<VariantProperty> properties) {

    /** Labels that would make {@code <platform>-<label>} read as another platform. */
    private static final Set<String> RESERVED = Set.of("musl", "glibc", "gnu");

    /**
     * Validates, sorts and copies.
     *
     * @param label      the label
     * @param properties what the machine must have
     * @throws IllegalArgumentException if the label is malformed or reserved, there is no property, or two
     *                                  properties give one feature different values
     */
    public PackageVariant {
        Objects.requireNonNull(label, "label");
        if (!isLabel(label)) {
            throw new IllegalArgumentException("variant label '" + label + "' is invalid: it must be a lowercase"
                    + " letter followed by up to 15 lowercase letters, digits or _ (e.g. v3, cuda12, avx512)");
        }
        if (RESERVED.contains(label)) {
            throw new IllegalArgumentException("variant label '" + label + "' is reserved: <platform>-" + label
                    + " would read as a platform with a C library; choose another label");
        }
        List<VariantProperty> sorted = new ArrayList<>(Objects.requireNonNull(properties, "properties"));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("variant '" + label + "' has no property; a package without"
                    + " properties is the baseline, which has no variant label");
        }
        sorted.sort(null);
        Set<String> features = new HashSet<>();
        for (VariantProperty p : sorted) {
            if (!features.add(p.namespace() + " :: " + p.feature())) {
                throw new IllegalArgumentException("variant '" + label + "' gives " + p.namespace() + " :: "
                        + p.feature() + " more than one value; a variant needs one value per feature (the"
                        + " machine's levels include the lower ones: x86_64 :: level :: v3 runs on v4 too)");
            }
        }
        properties = List.copyOf(sorted);
    }

    /** @return the properties as written in descriptors and reports, comma-separated */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (VariantProperty p : properties) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(p);
        }
        return s.toString();
    }

    /**
     * @param label a candidate label
     * @return whether a variant may take it: the form above, and not a reserved name
     */
    public static boolean isValidLabel(String label) {
        return isLabel(label) && !RESERVED.contains(label);
    }

    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > 16 || label.charAt(0) < 'a' || label.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
