package dev.nativelib.plugin.variant;

import dev.nativelib.loader.descriptor.PackageVariant;
import dev.nativelib.loader.hardware.VariantProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the {@code package} goal's {@code <variantProperties>} and {@code <variantLabel>} into a
 * {@link PackageVariant}, deriving the label from the properties when none is given.
 *
 * <p>The derived label joins, in the properties' order and separated by {@code _}, one part per property:
 * <ul>
 *   <li>the feature when the value is {@code on} ({@code aarch64 :: sve :: on} gives {@code sve});</li>
 *   <li>the value when it starts with a letter ({@code x86_64 :: level :: v3} gives {@code v3},
 *       {@code blas :: backend :: openblas} gives {@code openblas});</li>
 *   <li>else the namespace followed by the value, each {@code .} made {@code _} ({@code cuda :: runtime :: 12}
 *       gives {@code cuda12}, {@code cuda :: runtime :: 12.4} gives {@code cuda12_4}).</li>
 * </ul>
 * So {@code x86_64 :: level :: v3, cuda :: runtime :: 12} gives {@code cuda12_v3}. A label that comes out longer than
 * 16 characters, or reserved, must be given.
 */
public final class VariantParameters {

    private VariantParameters() {
    }

    /**
     * @param label      {@code <variantLabel>}, or {@code null} or blank to derive it
     * @param properties {@code <variantProperties>}, each {@code namespace :: feature :: value}; {@code null} or
     *                   empty for the baseline
     * @return the variant, or {@code null} for the baseline
     * @throws IllegalArgumentException naming the parameter that is wrong and how to fix it
     */
    public static PackageVariant parse(String label, List<String> properties) {
        List<VariantProperty> parsed = new ArrayList<>();
        if (properties != null) {
            for (String text : properties) {
                if (text == null || text.isBlank()) {
                    continue;
                }
                try {
                    parsed.add(VariantProperty.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Invalid <variantProperties>: " + e.getMessage() + ".");
                }
            }
        }
        boolean labelled = label != null && !label.isBlank();
        if (parsed.isEmpty()) {
            if (labelled) {
                throw new IllegalArgumentException("<variantLabel> is '" + label.trim() + "', but"
                        + " <variantProperties> is empty: a variant needs the properties a machine must have to run"
                        + " it, e.g. <variantProperties><variantProperty>x86_64 :: level :: v3</variantProperty>"
                        + "</variantProperties>; for the baseline leave both unset.");
            }
            return null;
        }
        parsed.sort(null);
        String chosen = labelled ? label.trim() : derive(parsed);
        if (chosen.equals("baseline")) {
            // -Dnativelib.platform=<platform>-baseline and <variant>baseline</variant> name the baseline itself.
            throw new IllegalArgumentException("<variantLabel> 'baseline' is reserved: it names the package without"
                    + " variant properties; choose another label.");
        }
        try {
            return new PackageVariant(chosen, parsed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((labelled ? "Invalid <variantLabel>: " : "Invalid <variantProperties>"
                    + " (no <variantLabel> is set, and the label derived from the properties is '" + chosen + "'): ")
                    + e.getMessage() + (labelled ? "." : "; set <variantLabel>."));
        }
    }

    /**
     * @param properties a variant's properties, sorted
     * @return the label the rule in this class's description gives them (not necessarily a valid one)
     */
    public static String derive(List<VariantProperty> properties) {
        StringBuilder label = new StringBuilder();
        for (VariantProperty p : properties) {
            if (label.length() > 0) {
                label.append('_');
            }
            String value = p.value();
            if (value.equals("on")) {
                label.append(p.feature());
            } else if (value.charAt(0) >= 'a' && value.charAt(0) <= 'z') {
                label.append(value.replace('.', '_'));
            } else {
                label.append(p.namespace()).append(value.replace('.', '_'));
            }
        }
        return label.toString();
    }
}
