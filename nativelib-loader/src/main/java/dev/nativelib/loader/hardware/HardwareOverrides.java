package dev.nativelib.loader.hardware;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code nativelib.hardware.add} and {@code nativelib.hardware.mask} (see {@link HardwareDetector}). A class
 * of its own so that a JVM which sets neither, as most do, does not load it.
 */
final class HardwareOverrides {

    private HardwareOverrides() {
    }

    /**
     * @param probed     the detected properties
     * @param addSource  how {@code add} was given ({@code -Dnativelib.hardware.add} or its variable), for messages
     * @param add        its value, or {@code null}
     * @param maskSource how {@code mask} was given
     * @param mask       its value, or {@code null}
     * @return {@code probed} with {@code add} applied, then {@code mask}
     * @throws IllegalArgumentException naming the setting when a value is not a list of properties
     */
    static MachineProperties apply(MachineProperties probed, String addSource, String add, String maskSource,
                                   String mask) {
        List<VariantProperty> found = new ArrayList<>(probed.properties());
        List<String> evidence = new ArrayList<>(probed.evidence());
        if (add != null) {
            for (String[] item : items(addSource, add, false)) {
                VariantProperty p = VariantProperty.of(item[0], item[1], item[2]);
                int level = level(p);
                if (level > 0) {
                    HardwareDetector.addLevels(found, level);
                } else {
                    found.add(p);
                }
            }
            evidence.add(addSource + " adds " + add);
        }
        if (mask != null) {
            for (String[] item : items(maskSource, mask, true)) {
                for (int i = found.size() - 1; i >= 0; i--) {
                    if (masks(item, found.get(i))) {
                        found.remove(i);
                    }
                }
            }
            evidence.add(maskSource + " masks " + mask);
        }
        return MachineProperties.of(found, evidence);
    }

    /** Whether the mask item ({@code namespace :: feature} or a property) takes {@code p} away. */
    private static boolean masks(String[] item, VariantProperty p) {
        if (!item[0].equals(p.namespace()) || !item[1].equals(p.feature())) {
            return false;
        }
        if (item.length == 2 || item[2].equals(p.value())) {
            return true;
        }
        int masked = level(VariantProperty.of(item[0], item[1], item[2]));
        return masked > 0 && level(p) >= masked;
    }

    /** @return N for {@code x86_64 :: level :: vN}, else 0 */
    static int level(VariantProperty p) {
        String v = p.value();
        if (!p.namespace().equals("x86_64") || !p.feature().equals("level") || v.length() < 2 || v.length() > 3
                || v.charAt(0) != 'v' || !dev.nativelib.loader.text.Chars.digits(v.substring(1))) {
            return 0;
        }
        return Integer.parseInt(v.substring(1));
    }

    /**
     * @return the comma-separated items of a setting, each split at {@code ::}: properties, or also
     *         {@code namespace :: feature} pairs when {@code pairs}
     * @throws IllegalArgumentException naming the setting when an item is neither
     */
    private static List<String[]> items(String source, String value, boolean pairs) {
        List<String[]> out = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = VariantProperty.split(item);
            boolean valid = (parts.length == 3 || pairs && parts.length == 2) && VariantProperty.isName(parts[0])
                    && VariantProperty.isName(parts[1]) && (parts.length == 2 || VariantProperty.isValue(parts[2]));
            if (!valid) {
                throw new IllegalArgumentException(source + "=" + value + " is not valid: '" + item.trim()
                        + "' is not a variant property; use namespace :: feature :: value"
                        + (pairs ? " (or namespace :: feature for all its values)" : "") + ", separated by commas,"
                        + " in lower case, e.g. x86_64 :: level :: v4");
            }
            out.add(parts);
        }
        return out;
    }
}
