package dev.nativelib.plugin;

import dev.nativelib.plugin.variant.Classifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * A list of classifiers as the goals that take one ({@code platform}, {@code bom}) read it: platform names
 * ({@code linux-x86_64}, {@code linux-x86_64-musl}) and variants of them ({@code linux-x86_64-v3},
 * {@code linux-x86_64-musl-cuda12}), by {@link Classifier}'s rule.
 */
final class PlatformParameter {

    private PlatformParameter() {
    }

    /**
     * @param names     the configured names; blank entries are ignored
     * @param parameter the parameter's name, for messages
     * @return the classifiers
     * @throws MojoExecutionException if there are none or one is not a classifier of a native package
     */
    static List<Classifier> parse(List<String> names, String parameter) throws MojoExecutionException {
        List<Classifier> out = parseNames(names == null ? List.of() : names, parameter);
        if (out.isEmpty()) {
            throw new MojoExecutionException("<" + parameter + "> is empty; list the platforms (classifiers), e.g. <"
                    + parameter + "><platform>linux-x86_64</platform><platform>osx-aarch_64</platform></" + parameter
                    + ">");
        }
        return out;
    }

    /**
     * @param value     classifiers separated by commas
     * @param parameter the parameter's name, for messages
     * @return the classifiers
     * @throws MojoExecutionException if there are none or one is not a classifier of a native package
     */
    static List<Classifier> parseCommaSeparated(String value, String parameter) throws MojoExecutionException {
        List<Classifier> out = parseNames(java.util.Arrays.asList((value == null ? "" : value).split(",")), parameter);
        if (out.isEmpty()) {
            throw new MojoExecutionException("<" + parameter + "> is empty; give the platforms separated by commas,"
                    + " e.g. linux-x86_64,osx-aarch_64");
        }
        return out;
    }

    /** Every non-blank name parsed; the caller decides what an empty result means. */
    private static List<Classifier> parseNames(List<String> names, String parameter) throws MojoExecutionException {
        List<Classifier> out = new ArrayList<>();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                continue;
            }
            try {
                out.add(Classifier.parse(n.trim()));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<" + parameter + ">: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
