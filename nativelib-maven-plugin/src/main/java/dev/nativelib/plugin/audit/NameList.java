package dev.nativelib.plugin.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A list of library names read from a resource of this package: {@code #} comments, {@code [section]} headers, one
 * name or {@code *} pattern a line. The files are generated (see {@code src/audit-data/generate.py}) and say in their
 * header what they were made from.
 */
final class NameList {

    private final String resource;
    private final boolean ignoreCase;
    private final Map<String, List<Pattern>> sections;

    private NameList(String resource, boolean ignoreCase, Map<String, List<Pattern>> sections) {
        this.resource = resource;
        this.ignoreCase = ignoreCase;
        this.sections = sections;
    }

    /**
     * @param resource   file name of the resource beside this class
     * @param ignoreCase compare names case-insensitively (Windows)
     * @return the list
     * @throws IllegalStateException if the resource is missing or has a name before the first section
     */
    static NameList load(String resource, boolean ignoreCase) {
        Map<String, List<Pattern>> sections = new LinkedHashMap<>();
        try (InputStream in = NameList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the plugin JAR");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Pattern> current = null;
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.startsWith("[") && t.endsWith("]")) {
                    current = sections.computeIfAbsent(t.substring(1, t.length() - 1), k -> new ArrayList<>());
                } else if (current == null) {
                    throw new IllegalStateException(resource + " line " + lineNo + ": name before the first [section]");
                } else {
                    current.add(glob(ignoreCase ? t.toLowerCase(Locale.ROOT) : t));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NameList(resource, ignoreCase, sections);
    }

    private static Pattern glob(String entry) {
        List<String> parts = new ArrayList<>();
        for (String part : entry.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }

    /**
     * @param name a library name as a binary records it
     * @return the section that lists it, or {@code null}
     */
    String sectionOf(String name) {
        String key = ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
        for (Map.Entry<String, List<Pattern>> e : sections.entrySet()) {
            for (Pattern p : e.getValue()) {
                if (p.matcher(key).matches()) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return resource;
    }
}
