package dev.nativelib.loader.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one full {@code NativeLoader.load(name)} (discovery, selection, dependency order, cache directories)
 * written down so that the next JVM with the same {@link PlanKey key} and an unchanged class path can go straight to
 * checking and loading the extracted files: which packages, in which order, from which cache directories, and the
 * fingerprint of every class-path entry it was derived from.
 *
 * <p>A plan decides nothing about integrity: every package directory it names must still carry a valid verified
 * stamp, exactly as on the full path; anything that does not match sends the load down the full path, which rewrites
 * the plan.
 *
 * <p>Stored as UTF-8 lines of tab-separated fields (tabs, newlines, carriage returns and backslashes inside fields
 * written as {@code \t}, {@code \n}, {@code \r} and {@code \\}), then a line {@code key} and the key verbatim up
 * to the end of the file, so that comparing it costs one {@code equals}.
 */
public final class LoadPlan {

    static final String HEADER = "nativelib-plan 1";

    /**
     * A library of a planned package.
     *
     * @param path   its path inside the package directory
     * @param soname its SONAME, or {@code null}
     * @param global whether it is opened with global symbol scope
     */
    public record Library(String path, String soname, boolean global) {
    }

    /**
     * A package to load, in order.
     *
     * @param key         the loader's key for it, {@code groupId:artifactId:platform}
     * @param coordinates {@code groupId:artifactId:version}
     * @param directory   its cache directory relative to the cache root, with {@code /} separators
     * @param origin      the JAR it was extracted from, for {@code LoadedLibrary}
     * @param libraries   its libraries, in load order
     * @param aliases     the aliases (links) its directory must hold, relative to it
     */
    public record Package(String key, String coordinates, String directory, String origin, List<Library> libraries,
                          List<String> aliases) {

        /** @return the libraries' paths inside the package directory, in load order */
        public List<String> libraryPaths() {
            List<String> paths = new ArrayList<>(libraries.size());
            for (Library l : libraries) {
                paths.add(l.path());
            }
            return paths;
        }
    }

    private final String key;
    private final String platform;
    private final List<String> entries;
    private final List<String> states;
    private final List<Package> packages;
    private final int resultPackage;
    private final int resultLibrary;

    /**
     * @param key           the {@link PlanKey} it answers
     * @param platform      the platform the packages are for
     * @param entries       the class-path entries it was derived from
     * @param states        their {@link ClassPathState fingerprints}, index for index
     * @param packages      the packages, in load order
     * @param resultPackage index of the requested package in {@code packages}
     * @param resultLibrary index of the requested library in that package
     */
    public LoadPlan(String key, String platform, List<String> entries, List<String> states, List<Package> packages,
                    int resultPackage, int resultLibrary) {
        if (entries.size() != states.size() || resultPackage < 0 || resultPackage >= packages.size()
                || resultLibrary < 0 || resultLibrary >= packages.get(resultPackage).libraries().size()) {
            throw new IllegalArgumentException("inconsistent plan");
        }
        this.key = key;
        this.platform = platform;
        this.entries = List.copyOf(entries);
        this.states = List.copyOf(states);
        this.packages = List.copyOf(packages);
        this.resultPackage = resultPackage;
        this.resultLibrary = resultLibrary;
    }

    /** @return the key this plan answers */
    public String key() {
        return key;
    }

    /** @return the platform name, e.g. {@code linux-x86_64} */
    public String platform() {
        return platform;
    }

    /** @return the packages in load order */
    public List<Package> packages() {
        return packages;
    }

    /** @return index of the requested package in {@link #packages()} */
    public int resultPackage() {
        return resultPackage;
    }

    /** @return index of the requested library in that package */
    public int resultLibrary() {
        return resultLibrary;
    }

    /** @return the class-path entries the plan was derived from */
    public List<String> entries() {
        return entries;
    }

    /**
     * @return the first class-path entry whose fingerprint changed since the plan was made, with old and new
     *         fingerprint, or {@code null} when none did
     */
    public String changedEntry() {
        for (int i = 0; i < entries.size(); i++) {
            String now = ClassPathState.of(entries.get(i));
            if (!states.get(i).equals(now)) {
                return entries.get(i) + " (was " + states.get(i) + ", now " + now + ")";
            }
        }
        return null;
    }

    /** @return the plan as the text {@link #parse} reads */
    public String format() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        line(out, "platform", platform);
        line(out, "result", Integer.toString(resultPackage), Integer.toString(resultLibrary));
        for (int i = 0; i < entries.size(); i++) {
            line(out, "entry", entries.get(i), states.get(i));
        }
        for (Package p : packages) {
            line(out, "package", p.key(), p.coordinates(), p.directory(), p.origin());
            for (Library l : p.libraries()) {
                line(out, "library", l.global() ? "global" : "local", l.soname() == null ? "" : l.soname(), l.path());
            }
            for (String alias : p.aliases()) {
                line(out, "alias", alias);
            }
        }
        return out.append("key\n").append(key).toString();
    }

    private static void line(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            escape(fields[i], out);
        }
        out.append('\n');
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /**
     * Reads a plan written by {@link #format()}.
     *
     * @param text the plan's text
     * @return the plan, or {@code null} when the text is not a plan of this format (a partial or foreign file is
     *         not an error: the load takes the full path and writes a new plan)
     */
    public static LoadPlan parse(String text) {
        if (!text.startsWith(HEADER + "\n")) {
            return null;
        }
        String key = null;
        String platform = null;
        int resultPackage = -1;
        int resultLibrary = -1;
        List<String> entries = new ArrayList<>();
        List<String> states = new ArrayList<>();
        List<Package> packages = new ArrayList<>();
        List<Library> libraries = null;
        List<String> aliases = null;
        int start = HEADER.length() + 1;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                return null;
            }
            String line = text.substring(start, end);
            start = end + 1;
            if (line.equals("key")) {
                key = text.substring(start);
                break;
            }
            List<String> f = fields(line);
            String kind = f.get(0);
            if (kind.equals("platform") && f.size() == 2) {
                platform = f.get(1);
            } else if (kind.equals("result") && f.size() == 3) {
                resultPackage = number(f.get(1));
                resultLibrary = number(f.get(2));
            } else if (kind.equals("entry") && f.size() == 3) {
                entries.add(f.get(1));
                states.add(f.get(2));
            } else if (kind.equals("package") && f.size() == 5 && relative(f.get(3))) {
                libraries = new ArrayList<>();
                aliases = new ArrayList<>();
                packages.add(new Package(f.get(1), f.get(2), f.get(3), f.get(4), libraries, aliases));
            } else if (kind.equals("library") && f.size() == 4 && libraries != null && relative(f.get(3))) {
                libraries.add(new Library(f.get(3), f.get(2).isEmpty() ? null : f.get(2),
                        f.get(1).equals("global")));
            } else if (kind.equals("alias") && f.size() == 2 && aliases != null && relative(f.get(1))) {
                aliases.add(f.get(1));
            } else {
                return null;
            }
        }
        if (key == null || platform == null || packages.isEmpty() || resultPackage < 0
                || resultPackage >= packages.size() || resultLibrary < 0
                || resultLibrary >= packages.get(resultPackage).libraries().size()) {
            return null;
        }
        for (Package p : packages) {
            if (p.libraries().isEmpty()) {
                return null;
            }
        }
        return new LoadPlan(key, platform, entries, states, packages, resultPackage, resultLibrary);
    }

    /** A relative path inside the cache that cannot climb out of it: no leading {@code /}, no {@code ..} segment. */
    private static boolean relative(String path) {
        if (path.isEmpty() || path.charAt(0) == '/' || path.indexOf('\\') >= 0 || path.indexOf(':') >= 0) {
            return false;
        }
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 6) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Splits at tabs; unescapes only fields that hold a backslash (paths rarely do), as this runs on every start. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>(6);
        int start = 0;
        while (true) {
            int tab = line.indexOf('\t', start);
            String field = line.substring(start, tab < 0 ? line.length() : tab);
            out.add(field.indexOf('\\') < 0 ? field : unescape(field));
            if (tab < 0) {
                return out;
            }
            start = tab + 1;
        }
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char n = field.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
