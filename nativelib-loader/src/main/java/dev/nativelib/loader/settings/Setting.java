package dev.nativelib.loader.settings;

import dev.nativelib.loader.text.Chars;
import java.util.List;
import java.util.Locale;

/**
 * One setting of the loader, declared once in {@link Settings}: its system property, its environment variable (if
 * it has one), the values it takes, its default and a line saying what it does. The site's settings page is checked
 * against these declarations by a test, so the two cannot drift apart.
 */
public final class Setting {

    /** Kind: one of a fixed list of words, in any case. (Strings, not an enum: a fresh JVM pays for each class.) */
    public static final String CHOICE = "choice";
    /** Kind: {@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off} or {@code 1}/{@code 0}. */
    public static final String BOOLEAN = "boolean";
    /** Kind: a directory. */
    public static final String DIRECTORY = "directory";
    /** Kind: a platform name, such as {@code linux-x86_64}. */
    public static final String PLATFORM = "platform";
    /** Kind: a size in bytes, optionally followed by {@code K}, {@code M} or {@code G} (powers of 1024). */
    public static final String SIZE = "size";
    /** Kind: variant properties ({@code namespace :: feature :: value}), separated by commas. */
    public static final String PROPERTIES = "properties";

    private final String property;
    private final String environment;
    private final String kind;
    private final List<String> choices;
    private final String doc;

    Setting(String property, String environment, String kind, List<String> choices, String doc) {
        this.property = property;
        this.environment = environment;
        this.kind = kind;
        this.choices = List.copyOf(choices);
        this.doc = doc;
    }

    /** @return the system property, e.g. {@code nativelib.cache.dir}; {@code <artifactId>} stands for a package's */
    public String property() {
        return property;
    }

    /** @return the environment variable, e.g. {@code NATIVELIB_CACHE_DIR}, or {@code null} when there is none */
    public String environment() {
        return environment;
    }

    /**
     * @return the kind of value: {@link #CHOICE}, {@link #BOOLEAN}, {@link #DIRECTORY}, {@link #PLATFORM},
     *         {@link #SIZE} or {@link #PROPERTIES}
     */
    public String kind() {
        return kind;
    }

    /** @return for a {@link #CHOICE}, the values it takes, the default first; else empty */
    public List<String> choices() {
        return choices;
    }

    /** @return for a {@link #CHOICE}, the value when the setting is not set; else {@code null} */
    public String defaultValue() {
        return choices.isEmpty() ? null : choices.get(0);
    }

    /** @return one line saying what the setting does: how its row on the site's settings page begins */
    public String doc() {
        return doc;
    }

    /** @return whether the names hold {@code <artifactId>}: one setting per package */
    public boolean perPackage() {
        return property.contains("<artifactId>");
    }

    /**
     * @param artifactId a package's artifactId
     * @return this per-package setting for that package
     */
    public Setting forPackage(String artifactId) {
        return new Setting(property.replace("<artifactId>", artifactId), environment == null ? null
                : environment.replace("<ARTIFACTID>", environmentName(artifactId)), kind, choices, doc);
    }

    /**
     * @param artifactId an artifactId
     * @return its form in environment variable names: upper case, every character but letters and digits as
     *         {@code _} ({@code greet-native} is {@code GREET_NATIVE})
     */
    public static String environmentName(String artifactId) {
        return Chars.replaceOthers(artifactId.toUpperCase(Locale.ROOT), "", '_');
    }

    /**
     * @return the value as set: the system property when set, else the environment variable; {@code null} when
     *         neither is set (blank counts as not set)
     */
    public String raw() {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = environment == null ? null : System.getenv(environment);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** @return where {@link #raw()} came from, for messages: {@code -Dname} or the variable's name */
    public String source() {
        String value = System.getProperty(property);
        return value != null && !value.isBlank() || environment == null ? "-D" + property : environment;
    }

    /**
     * @return the value of a {@link #CHOICE}: the one set (lower case), else the default
     * @throws IllegalArgumentException if the value set is none of the choices; the message names the setting
     */
    public String choice() {
        String value = raw();
        if (value == null) {
            return defaultValue();
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!choices.contains(lower)) {
            throw new IllegalArgumentException(source() + "=" + value + " is not valid; use " + describeChoices());
        }
        return lower;
    }

    /**
     * @param fallback the value when the setting is not set
     * @return the value of a {@link #BOOLEAN}
     * @throws IllegalArgumentException if the value set is not a boolean; the message names the setting
     */
    public boolean bool(boolean fallback) {
        Boolean value = parseBoolean(source(), raw());
        return value == null ? fallback : value;
    }

    /**
     * The one rule for booleans: {@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off},
     * {@code 1}/{@code 0}, in any case.
     *
     * @param source the setting's name as the user wrote it ({@code -Dname} or the variable), for the message
     * @param value  the value, or {@code null}
     * @return the boolean, or {@code null} when {@code value} is {@code null} or blank
     * @throws IllegalArgumentException if it is anything else
     */
    public static Boolean parseBoolean(String source, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return Boolean.TRUE;
            case "false": case "no": case "off": case "0":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException(source + "=" + value + " is not a boolean; use true or false"
                        + " (yes/no, on/off and 1/0 work too)");
        }
    }

    /**
     * @param fallback the value when the setting is not set
     * @return the value of a {@link #SIZE}, in bytes
     * @throws IllegalArgumentException if the value set is not a positive size; the message names the setting
     */
    public long size(long fallback) {
        String value = raw();
        if (value == null) {
            return fallback;
        }
        long size = parseSize(value);
        if (size <= 0) {
            throw new IllegalArgumentException(source() + "=" + value + " is not valid; use a positive number of"
                    + " bytes, optionally followed by K, M or G (powers of 1024), e.g. 8G");
        }
        return size;
    }

    /** @return the size {@code text} names, or {@code -1} if it names none (or one beyond {@code long}) */
    private static long parseSize(String text) {
        int shift = 0;
        String digits = text;
        char last = Character.toUpperCase(text.charAt(text.length() - 1));
        if (last == 'K' || last == 'M' || last == 'G') {
            shift = last == 'K' ? 10 : last == 'M' ? 20 : 30;
            digits = text.substring(0, text.length() - 1);
        }
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        long n = Long.parseLong(digits);
        return n > Long.MAX_VALUE >> shift ? -1 : n << shift;
    }

    /** @return the choices as the settings page writes them: {@code stamp (the default) or full} */
    String describeChoices() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            out.append(i == 0 ? "" : i == choices.size() - 1 ? " or " : ", ").append(choices.get(i));
            if (i == 0) {
                out.append(" (the default)");
            }
        }
        return out.toString();
    }
}
