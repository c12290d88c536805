package dev.nativelib.loader.hardware;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * What this machine offers to package variants: a sorted set of {@link VariantProperty properties}, for example
 * {@code x86_64 :: level :: v1} to {@code x86_64 :: level :: v4} on an AVX-512 server, {@code aarch64 :: sve :: on}
 * on a Graviton3, {@code cuda :: runtime :: 12} where an NVIDIA driver for CUDA 12 is installed. A variant fits the
 * machine when the machine has its properties; the baseline (no properties) fits every machine.
 *
 * <p>{@link #signature()} is the stable text of the set, for load plans to record and compare: two machines with the
 * same signature choose the same variants. The evidence (what each property was found from, or why one is missing)
 * and the {@link #stamp() stamp} are for the report, the debug log and load plans, and take no part in equality.
 */
public final class MachineProperties {

    /** A machine with no properties beyond its platform: only baselines fit it. */
    public static final MachineProperties NONE = new MachineProperties(List.of(), List.of(), null);

    /** The signature of a machine with no properties. */
    static final String EMPTY_SIGNATURE = "none";

    private final List<VariantProperty> properties;
    private final List<String> evidence;
    private final String stamp;

    private MachineProperties(List<VariantProperty> properties, List<String> evidence, String stamp) {
        this.properties = properties;
        this.evidence = evidence;
        this.stamp = stamp;
    }

    /**
     * @param properties the properties, in any order, duplicates allowed
     * @param evidence   lines saying how they were found, in the order they were found
     * @return the machine's properties, sorted and without duplicates
     */
    public static MachineProperties of(Collection<VariantProperty> properties, List<String> evidence) {
        // Insertion into a sorted list: a dozen properties at most, and no sorting classes to load for them.
        List<VariantProperty> sorted = new ArrayList<>(properties.size());
        for (VariantProperty p : properties) {
            int at = sorted.size();
            while (at > 0 && sorted.get(at - 1).compareTo(p) > 0) {
                at--;
            }
            if (at == 0 || !sorted.get(at - 1).equals(p)) {
                sorted.add(at, p);
            }
        }
        return new MachineProperties(List.copyOf(sorted), List.copyOf(evidence), null);
    }

    /**
     * Reads a {@link #signature()} back.
     *
     * @param signature a signature as {@link #signature()} writes it
     * @return the properties it names, without evidence
     * @throws IllegalArgumentException if it is not a signature
     */
    public static MachineProperties parseSignature(String signature) {
        String s = signature.trim();
        if (s.equals(EMPTY_SIGNATURE)) {
            return NONE;
        }
        List<VariantProperty> list = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            list.add(VariantProperty.parse(part));
        }
        return of(list, List.of());
    }

    /** @return the properties, sorted ({@link VariantProperty#compareTo}), without duplicates; unmodifiable */
    public List<VariantProperty> properties() {
        return properties;
    }

    /**
     * @param property a property
     * @return whether this machine has it
     */
    public boolean has(VariantProperty property) {
        return Collections.binarySearch(properties, property) >= 0;
    }

    /**
     * @param namespace a namespace, e.g. {@code x86_64}
     * @param feature   a feature, e.g. {@code level}
     * @return the values this machine has for that feature, in ascending order (e.g. {@code v1, v2, v3}); empty
     *         when it has none
     */
    public List<String> values(String namespace, String feature) {
        List<String> out = new ArrayList<>();
        for (VariantProperty p : properties) {
            if (p.namespace().equals(namespace) && p.feature().equals(feature)) {
                out.add(p.value());
            }
        }
        return out;
    }

    /**
     * @param stamp the {@link MachineStamp} of what these properties were detected from, or {@code null}
     * @return these properties and evidence, with that stamp
     */
    public MachineProperties withStamp(String stamp) {
        return new MachineProperties(properties, evidence, stamp);
    }

    /**
     * @return the {@link MachineStamp} of the files and settings these properties were detected from, which a load
     *         plan records so that a start with the same stamp can take the signature from the plan; {@code null}
     *         when there is none (properties parsed or made up, or a machine without a boot id)
     */
    public String stamp() {
        return stamp;
    }

    /** @return how each property was found, or why one is missing: one line each, for the report and the log */
    public List<String> evidence() {
        return evidence;
    }

    /**
     * @return the properties as one line, sorted, separated by {@code ", "}, e.g.
     *         {@code x86_64 :: level :: v1, x86_64 :: level :: v2}; {@code none} when there are none. Stable across
     *         releases for the same properties, and a valid value of {@code nativelib.hardware.add}.
     */
    public String signature() {
        if (properties.isEmpty()) {
            return EMPTY_SIGNATURE;
        }
        StringBuilder out = new StringBuilder();
        for (VariantProperty p : properties) {
            out.append(out.length() == 0 ? "" : ", ").append(p);
        }
        return out.toString();
    }

    /** Equal when the properties are; the evidence does not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MachineProperties m && m.properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    /** @return the {@link #signature()} */
    @Override
    public String toString() {
        return signature();
    }
}
