package dev.nativelib.plugin.pom;

import java.util.Objects;

/**
 * A dependency as a generated POM lists it.
 *
 * @param groupId    groupId
 * @param artifactId artifactId
 * @param version    version, or {@code null} where dependency management supplies it
 * @param type       type ({@code jar}, {@code pom}); {@code jar} is not written
 * @param classifier classifier, or {@code null}
 * @param scope      scope, or {@code null} for compile
 */
public record Coordinates(String groupId, String artifactId, String version, String type, String classifier,
                          String scope) {

    /**
     * Checks that nothing unresolved (a {@code ${...}} expression) reaches a generated POM.
     *
     * @param groupId    groupId
     * @param artifactId artifactId
     * @param version    version, or {@code null} where dependency management supplies it
     * @param type       type; {@code null} or blank means {@code jar}
     * @param classifier classifier, or {@code null}
     * @param scope      scope, or {@code null} for compile
     * @throws NullPointerException     if {@code groupId} or {@code artifactId} is {@code null}
     * @throws IllegalArgumentException if any part contains an unresolved {@code ${...}} expression
     */
    public Coordinates {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        type = type == null || type.isBlank() ? "jar" : type;
        for (String part : new String[] {groupId, artifactId, version, type, classifier, scope}) {
            if (part != null && part.contains("${")) {
                throw new IllegalArgumentException("unresolved expression '" + part + "' in " + groupId + ":"
                        + artifactId + "; a deployed POM must name literal coordinates");
            }
        }
    }

    /**
     * Parses {@code groupId:artifactId[:version]}.
     *
     * @param text           the text
     * @param defaultVersion the version when none is given
     * @param what           what the text configures, for the error message
     * @return plain {@code jar} coordinates
     */
    public static Coordinates parse(String text, String defaultVersion, String what) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(what + " '" + text.trim() + "' is not groupId:artifactId or"
                    + " groupId:artifactId:version");
        }
        return new Coordinates(parts[0], parts[1], parts.length == 3 ? parts[2] : defaultVersion, "jar", null, null);
    }

    Coordinates withType(String newType) {
        return new Coordinates(groupId, artifactId, version, newType, classifier, scope);
    }

    Coordinates withClassifier(String newClassifier) {
        return new Coordinates(groupId, artifactId, version, type, newClassifier, scope);
    }

    Coordinates withArtifactId(String newArtifactId) {
        return new Coordinates(groupId, newArtifactId, version, type, classifier, scope);
    }

    void write(XmlWriter xml) {
        xml.open("dependency")
                .element("groupId", groupId)
                .element("artifactId", artifactId)
                .element("version", version)
                .element("type", "jar".equals(type) ? null : type)
                .element("classifier", classifier)
                .element("scope", scope)
                .close("dependency");
    }
}
