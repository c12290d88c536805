package dev.nativelib.plugin.packaging;

import java.util.regex.Pattern;

/**
 * An ant-style path pattern, as maven-jar-plugin's {@code <includes>} and {@code <excludes>} take them: {@code **}
 * matches any number of directories (none included), {@code *} any characters of one name, {@code ?} one character;
 * a pattern ending in {@code /} matches everything below that directory. Paths and patterns use {@code /}.
 */
final class PathGlob {

    private final String pattern;
    private final Pattern regex;

    private PathGlob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /**
     * @param pattern the pattern, relative to the install prefix, e.g. {@code lib/**}{@code /*.a}
     * @return the compiled pattern
     * @throws IllegalArgumentException if the pattern is blank, absolute or climbs out with {@code ..}
     */
    static PathGlob compile(String pattern) {
        String p = pattern == null ? "" : pattern.trim().replace('\\', '/');
        if (p.isEmpty()) {
            throw new IllegalArgumentException("a pattern must not be empty");
        }
        if (p.startsWith("/") || p.matches("[A-Za-z]:.*")) {
            throw new IllegalArgumentException("pattern '" + pattern + "' must be relative to the install prefix");
        }
        if (("/" + p + "/").contains("/../")) {
            throw new IllegalArgumentException("pattern '" + pattern + "' must not contain '..'");
        }
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.endsWith("/")) {
            p = p + "**";
        }
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (p.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 3;
            } else if (p.startsWith("**", i)) {
                re.append(".*");
                i += 2;
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return new PathGlob(pattern.trim(), Pattern.compile(re.toString()));
    }

    /**
     * @param path a path relative to the install prefix, with {@code /} separators
     * @return whether the pattern matches it
     */
    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** @return the pattern as written */
    @Override
    public String toString() {
        return pattern;
    }
}
