package dev.nativelib.plugin.pkgconfig;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which pkg-config files a package carries. */
public enum PkgConfigMode {
    /**
     * The install prefix's own {@code .pc} files, made relocatable, when it has any; otherwise one generated
     * {@code .pc} per library.
     */
    AUTO,
    /** One generated {@code .pc} per library; {@code .pc} files of the install prefix are left out. */
    GENERATE,
    /** No {@code .pc} file at all. */
    NONE;

    /**
     * @param value {@code auto}, {@code generate} or {@code none}, in any case
     * @return the mode
     * @throws IllegalArgumentException naming the accepted values
     */
    public static PkgConfigMode parse(String value) {
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(value == null ? "" : value.trim()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not a pkg-config"
                        + " mode; use one of " + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))));
    }
}
