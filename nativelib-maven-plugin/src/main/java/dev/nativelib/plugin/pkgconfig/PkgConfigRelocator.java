package dev.nativelib.plugin.pkgconfig;

import dev.nativelib.plugin.packaging.PackagePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes the pkg-config files an install prefix ships relocatable. Their {@code prefix=} names the directory they
 * were installed to ({@code /usr} for a Debian package, the build's install prefix for a CMake or Meson build), so
 * it is replaced by the path from the file's own directory, {@code ${pcfiledir}/../..}, and every other absolute path
 * under that old prefix (or under the install prefix being packaged) by {@code ${prefix}}. An absolute path left in
 * the flags a consumer gets ({@code Cflags}, {@code Libs} and their {@code .private} forms, directly or through
 * variables) would make consumers compile or link against their own machine's files, so it is an error; one left in
 * a variable no flag uses is kept and reported.
 */
public final class PkgConfigRelocator {

    private static final Pattern VARIABLE = Pattern.compile("^\\s*([A-Za-z0-9_.]+)\\s*=(.*)$");
    private static final Pattern FIELD = Pattern.compile("^\\s*([A-Za-z0-9_.]+)\\s*:(.*)$");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");
    private static final Pattern FLAG_PREFIX = Pattern.compile(
            "^[\"']?(-I|-L|-F|-isystem|-idirafter|-iquote|-Wl,-rpath,|-Wl,-rpath-link,|-Wl,-R|-R)?(.*)$");
    private static final Set<String> FLAG_FIELDS = Set.of("Cflags", "Cflags.private", "Libs", "Libs.private");

    private PkgConfigRelocator() {
    }

    /**
     * A rewritten file.
     *
     * @param text    its new text
     * @param changes a description of each change and of each absolute path kept in a variable no flag uses
     */
    public record Relocated(String text, List<String> changes) {

        /**
         * Copies the list.
         *
         * @param text    its new text
         * @param changes a description of each change and each absolute path kept
         */
        public Relocated {
            changes = List.copyOf(changes);
        }
    }

    /**
     * @param path          the file, relative to the install prefix, e.g. {@code lib/pkgconfig/glib-2.0.pc}
     * @param text          its text
     * @param installPrefixNames the install prefix's absolute names on this machine, as given and with links
     *                           resolved (absolute paths under them are moved under {@code ${prefix}} too)
     * @return the relocatable text
     * @throws IllegalArgumentException if an absolute path outside both prefixes stays in the flags a consumer gets;
     *                                  the message names the file, the line and the path
     */
    public static Relocated relocate(String path, String text, List<String> installPrefixNames) {
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        String newPrefix = "${pcfiledir}" + "/..".repeat(dir.isEmpty() ? 0 : dir.split("/").length);
        String[] lines = text.split("\n", -1);
        List<String> roots = new ArrayList<>(installPrefixNames);
        String oldPrefix = null;
        for (String line : lines) {
            Matcher m = VARIABLE.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            if (m.matches() && m.group(1).equals("prefix") && !isField(line)) {
                oldPrefix = unquote(m.group(2).strip());
                break;
            }
        }
        if (oldPrefix != null && absolute(oldPrefix) && !oldPrefix.replace('\\', '/').equals("/")) {
            roots.add(oldPrefix);
        }
        roots.sort((a, b) -> b.length() - a.length());
        List<String> changes = new ArrayList<>();
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        Set<String> flagValues = new LinkedHashSet<>();
        int moved = 0;
        StringBuilder out = new StringBuilder();
        boolean prefixDone = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String cr = line.endsWith("\r") ? "\r" : "";
            String body = cr.isEmpty() ? line : line.substring(0, line.length() - 1);
            Matcher v = VARIABLE.matcher(body);
            Matcher f = FIELD.matcher(body);
            if (body.strip().startsWith("#") || body.isBlank()) {
                out.append(line);
            } else if (v.matches() && !isField(body)) {
                String name = v.group(1);
                String value = v.group(2);
                if (name.equals("prefix") && !prefixDone) {
                    prefixDone = true;
                    if (!value.strip().equals(newPrefix)) {
                        changes.add(path + ": prefix '" + value.strip() + "' -> '" + newPrefix + "'");
                    }
                    value = newPrefix;
                } else {
                    String replaced = underPrefix(value, roots);
                    moved += replaced.equals(value) ? 0 : 1;
                    value = replaced;
                }
                variables.put(name, value);
                lineOf.put(name, i + 1);
                out.append(name).append('=').append(value).append(cr);
            } else if (f.matches() && FLAG_FIELDS.contains(f.group(1))) {
                String replaced = underPrefix(f.group(2), roots);
                moved += replaced.equals(f.group(2)) ? 0 : 1;
                String absolute = firstAbsolute(replaced);
                if (absolute != null) {
                    throw new IllegalArgumentException(path + " line " + (i + 1) + " (" + body.strip()
                            + ") names the absolute path " + absolute + ", outside the install prefix");
                }
                flagValues.add(replaced);
                out.append(f.group(1)).append(':').append(replaced).append(cr);
            } else {
                out.append(line);
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        if (moved > 0) {
            changes.add(path + ": " + moved + " line" + (moved == 1 ? "" : "s") + " with absolute paths under the"
                    + " old prefix -> '${prefix}/...'");
        }
        Set<String> used = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(flagValues);
        while (!pending.isEmpty()) {
            Matcher r = REFERENCE.matcher(pending.remove(pending.size() - 1));
            while (r.find()) {
                if (used.add(r.group(1)) && variables.containsKey(r.group(1))) {
                    pending.add(variables.get(r.group(1)));
                }
            }
        }
        for (Map.Entry<String, String> e : variables.entrySet()) {
            String absolute = firstAbsolute(e.getValue());
            if (absolute == null) {
                continue;
            }
            if (used.contains(e.getKey())) {
                throw new IllegalArgumentException(path + " line " + lineOf.get(e.getKey()) + " (" + e.getKey() + "="
                        + e.getValue().strip() + ") names the absolute path " + absolute + ", outside the install"
                        + " prefix, and the flags consumers get use ${" + e.getKey() + "}");
            }
            changes.add(path + ": kept " + e.getKey() + " '" + e.getValue().strip() + "' (an absolute path, but no"
                    + " Cflags or Libs use it)");
        }
        return new Relocated(out.toString(), changes);
    }

    /**
     * The include directories a relocated file's {@code Cflags} name ({@code -I}, {@code -isystem}), as paths
     * relative to the package root, so the packager can check that each is in the package: a consumer's compiler
     * would otherwise search a directory that is not there, and silently find the build machine's headers.
     *
     * @param path the file, relative to the package root, e.g. {@code lib/pkgconfig/glib-2.0.pc}
     * @param text its relocated text (see {@link #relocate})
     * @return the directories, normalised, in the order named; those that leave the package root, or use an
     *         undefined variable, are left out (the relocation already refused absolute ones)
     */
    public static List<String> includeDirectories(String path, String text) {
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("pcfiledir", dir);
        List<String> cflags = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String body = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            Matcher v = VARIABLE.matcher(body);
            Matcher f = FIELD.matcher(body);
            if (body.strip().startsWith("#")) {
                continue;
            }
            if (v.matches() && !isField(body)) {
                variables.putIfAbsent(v.group(1), v.group(2).strip());
            } else if (f.matches() && f.group(1).equals("Cflags")) {
                cflags.add(f.group(2));
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (String value : cflags) {
            String[] tokens = value.strip().split("\\s+");
            for (int i = 0; i < tokens.length; i++) {
                String t = tokens[i];
                String named = null;
                if ((t.equals("-I") || t.equals("-isystem")) && i + 1 < tokens.length) {
                    named = tokens[++i];
                } else if (t.startsWith("-I") && t.length() > 2) {
                    named = t.substring(2);
                } else if (t.startsWith("-isystem") && t.length() > 8) {
                    named = t.substring(8);
                }
                String expanded = named == null ? null : expand(unquote(named), variables, 0);
                String normalised = expanded == null ? null : normalise(expanded);
                if (normalised != null) {
                    out.add(normalised);
                }
            }
        }
        return List.copyOf(out);
    }

    /** @return {@code value} with every {@code ${name}} replaced, or {@code null} if one is undefined or cyclic */
    private static String expand(String value, Map<String, String> variables, int depth) {
        if (depth > 16) {
            return null;
        }
        Matcher r = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (r.find()) {
            String v = variables.get(r.group(1));
            String expanded = v == null ? null : expand(v, variables, depth + 1);
            if (expanded == null) {
                return null;
            }
            out.append(value, last, r.start()).append(expanded);
            last = r.end();
        }
        return out.append(value.substring(last)).toString();
    }

    /** @return {@code path} without {@code .} and {@code ..} segments, or {@code null} if it leaves the root */
    private static String normalise(String path) {
        if (absolute(path)) {
            return null;
        }
        return PackagePath.normalise(path.replace('\\', '/'));
    }

    /** A line such as {@code Description: a=b} is a field, not a variable: whichever separator comes first wins. */
    private static boolean isField(String line) {
        int colon = line.indexOf(':');
        return colon >= 0 && colon < line.indexOf('=');
    }

    /** Moves each token's path (after a flag such as {@code -I}) under {@code ${prefix}} if it starts with a root. */
    private static String underPrefix(String value, List<String> roots) {
        Matcher token = Pattern.compile("\\S+").matcher(value);
        StringBuilder out = new StringBuilder();
        while (token.find()) {
            Matcher m = FLAG_PREFIX.matcher(token.group());
            String replaced = token.group();
            if (m.matches()) {
                int start = token.group().length() - m.group(2).length();
                String quote = m.group(2).startsWith("\"") || m.group(2).startsWith("'") ? m.group(2).substring(0, 1)
                        : "";
                String rest = m.group(2).substring(quote.length());
                for (String root : roots) {
                    String r = root.length() > 1 && (root.endsWith("/") || root.endsWith("\\"))
                            ? root.substring(0, root.length() - 1) : root;
                    if (rest.startsWith(r) && (rest.length() == r.length()
                            || "/\\\"'".indexOf(rest.charAt(r.length())) >= 0)) {
                        replaced = token.group().substring(0, start) + quote + "${prefix}"
                                + rest.substring(r.length());
                        break;
                    }
                }
            }
            token.appendReplacement(out, Matcher.quoteReplacement(replaced));
        }
        token.appendTail(out);
        return out.toString();
    }

    private static String firstAbsolute(String value) {
        for (String token : value.strip().split("\\s+")) {
            Matcher m = FLAG_PREFIX.matcher(token);
            if (m.matches() && absolute(unquote(m.group(2)))) {
                return unquote(m.group(2));
            }
        }
        return null;
    }

    private static boolean absolute(String s) {
        return s.startsWith("/") || s.matches("^[A-Za-z]:[/\\\\].*");
    }

    /** Drops the quotes around a token or left on one side of it by splitting on blanks. */
    private static String unquote(String s) {
        String out = s.startsWith("\"") || s.startsWith("'") ? s.substring(1) : s;
        return out.endsWith("\"") || out.endsWith("'") ? out.substring(0, out.length() - 1) : out;
    }

    /**
     * @param bytes a file's bytes
     * @return its text; pkg-config files are ASCII in practice, and ISO-8859-1 round-trips any other byte unchanged
     */
    public static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * @param text a file's text as {@link #decode} returned it, rewritten
     * @return its bytes
     */
    public static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
