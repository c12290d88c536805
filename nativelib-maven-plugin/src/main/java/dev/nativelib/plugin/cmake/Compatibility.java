package dev.nativelib.plugin.cmake;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Which requested versions a package's {@code <Pkg>ConfigVersion.cmake} accepts, as CMake names the policies. */
public enum Compatibility {
    /** Any request for this version or older. */
    AnyNewerVersion,
    /** Same major version, and not older than requested. */
    SameMajorVersion,
    /** Same major and minor version, and not older than requested. */
    SameMinorVersion,
    /** Exactly the requested version. */
    ExactVersion;

    /**
     * @param value a policy name, e.g. {@code SameMajorVersion}
     * @return the policy
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Compatibility parse(String value) {
        return Arrays.stream(values()).filter(c -> c.name().equals(value)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("'" + value + "' is not a CMake version compatibility; use one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
