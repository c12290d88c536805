package dev.nativelib.loader.hardware;

import dev.nativelib.loader.text.Chars;
import java.util.Objects;

/**
 * One property of a machine or of a package variant, written {@code namespace :: feature :: value} as in the wheel
 * variants proposal (PEP 817), for example {@code x86_64 :: level :: v3}, {@code aarch64 :: sve :: on} or
 * {@code cuda :: runtime :: 12}. The namespace and the feature are made of {@code a-z 0-9 _}, the value of
 * {@code a-z 0-9 _ .} (PEP 817's rules), so that every property has exactly one spelling.
 *
 * <p>Properties order by namespace, then feature, then value; in values, runs of digits compare as numbers
 * ({@code v2} before {@code v10}, {@code 12.9} before {@code 12.10}). That is the order a signature lists them in.
 */
public final class VariantProperty implements Comparable<VariantProperty> {

    private final String namespace;
    private final String feature;
    private final String value;

    private VariantProperty(String namespace, String feature, String value) {
        this.namespace = namespace;
        this.feature = feature;
        this.value = value;
    }

    /**
     * @param namespace the namespace, e.g. {@code x86_64}
     * @param feature   the feature, e.g. {@code level}
     * @param value     the value, e.g. {@code v3}
     * @return the property
     * @throws IllegalArgumentException if a part holds a character PEP 817 does not allow, or is empty
     */
    public static VariantProperty of(String namespace, String feature, String value) {
        if (!isName(namespace) || !isName(feature) || !isValue(value)) {
            throw new IllegalArgumentException("'" + namespace + " :: " + feature + " :: " + value + "' is not a"
                    + " variant property; expected namespace :: feature :: value, the namespace and feature made of"
                    + " a-z, 0-9 and _, the value of a-z, 0-9, _ and ., e.g. x86_64 :: level :: v3");
        }
        return new VariantProperty(namespace, feature, value);
    }

    /**
     * Parses {@code namespace :: feature :: value}; the spaces around {@code ::} are optional.
     *
     * @param text the property as written
     * @return the property
     * @throws IllegalArgumentException if {@code text} is not of that form
     */
    public static VariantProperty parse(String text) {
        String[] parts = split(Objects.requireNonNull(text, "text"));
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a variant property; expected"
                    + " namespace :: feature :: value, e.g. x86_64 :: level :: v3");
        }
        return of(parts[0], parts[1], parts[2]);
    }

    /**
     * @param text a property or a {@code namespace :: feature} pair, as written
     * @return its parts, trimmed: three for a property, two for a pair, else any other number
     */
    static String[] split(String text) {
        int count = 1;
        for (int i = text.indexOf("::"); i >= 0; i = text.indexOf("::", i + 2)) {
            count++;
        }
        String[] parts = new String[count];
        int start = 0;
        for (int p = 0; p < count; p++) {
            int end = p == count - 1 ? text.length() : text.indexOf("::", start);
            parts[p] = text.substring(start, end).trim();
            start = end + 2;
        }
        return parts;
    }

    /** {@code [a-z0-9_]+}: PEP 817's namespaces and feature names. */
    static boolean isName(String s) {
        return Chars.lowerWord(s, "_");
    }

    /** {@code [a-z0-9_.]+}: PEP 817's values. */
    static boolean isValue(String s) {
        return Chars.lowerWord(s, "_.");
    }

    /** @return the namespace, e.g. {@code x86_64} */
    public String namespace() {
        return namespace;
    }

    /** @return the feature, e.g. {@code level} */
    public String feature() {
        return feature;
    }

    /** @return the value, e.g. {@code v3} */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(VariantProperty other) {
        int c = namespace.compareTo(other.namespace);
        if (c == 0) {
            c = feature.compareTo(other.feature);
        }
        return c != 0 ? c : compareValues(value, other.value);
    }

    /** Numbers ({@code 12}, {@code 12.4}, {@code v3}) by their numeric parts, so that v10 follows v9; else text. */
    static int compareValues(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Chars.digit(x) && Chars.digit(y)) {
                int ei = i;
                while (ei < a.length() && Chars.digit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && Chars.digit(b.charAt(ej))) {
                    ej++;
                }
                // Leading zeros aside, a longer run of digits is the larger number; equal lengths compare as text.
                String na = strip(a.substring(i, ei));
                String nb = strip(b.substring(j, ej));
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static String strip(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VariantProperty p && p.namespace.equals(namespace) && p.feature.equals(feature)
                && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return (namespace.hashCode() * 31 + feature.hashCode()) * 31 + value.hashCode();
    }

    /** @return {@code namespace :: feature :: value} */
    @Override
    public String toString() {
        return namespace + " :: " + feature + " :: " + value;
    }
}
