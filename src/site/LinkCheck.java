import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the internal links of a generated Maven site. No dependencies: run it with
 *
 * <pre>
 * java src/site/LinkCheck.java target/site
 * </pre>
 *
 * <p>Every {@code href} and {@code src} attribute of every {@code .html} file is checked: a relative link must name
 * an existing file (a directory counts when it holds {@code index.html}), and a {@code #fragment} must name an
 * {@code id} (or {@code <a name>}) in the target page. Links with a scheme ({@code http:}, {@code https:},
 * {@code mailto:}, ...) are not checked.
 *
 * <p>Module sites: {@code mvn site} writes each module's site into its own {@code <module>/target/site}; the root
 * site links to them as {@code <module>/...}, which only exist side by side after {@code site:stage}. So the root
 * site is checked as if staged: the modules listed in the root {@code pom.xml} (found from the site directory,
 * {@code <basedir>/target/site}) are overlaid under their artifactId and their directory name, and their pages are
 * checked too. Extra overlays: {@code --module <prefix>=<site dir>}.
 *
 * <p>Exit status: 0 when every link resolves, 1 when some do not (each is listed with the page and the href),
 * 2 on bad usage.
 */
public final class LinkCheck {

    private static final Pattern ATTRIBUTE = Pattern.compile(
            "\\s(href|src)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANCHOR = Pattern.compile(
            "\\s(?:id|name)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern SCRIPT = Pattern.compile("<script\\b.*?</script>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    /** Virtual path prefix (no slashes) to the directory that serves it. The empty prefix is the root site. */
    private final Map<String, Path> mounts = new LinkedHashMap<>();
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    private LinkCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java LinkCheck.java <site dir> [--module <prefix>=<site dir>]...");
            System.exit(2);
        }
        LinkCheck check = new LinkCheck();
        Path site = Paths.get(args[0]).toAbsolutePath().normalize();
        if (!Files.isDirectory(site)) {
            System.err.println("LinkCheck: " + site + " is not a directory; generate the site first (mvn site)");
            System.exit(2);
        }
        check.mounts.put("", site);
        boolean explicit = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--module") && i + 1 < args.length) {
                String[] kv = args[++i].split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    System.err.println("LinkCheck: --module needs <prefix>=<site dir>, not " + args[i]);
                    System.exit(2);
                }
                check.mounts.put(trimSlashes(kv[0]), Paths.get(kv[1]).toAbsolutePath().normalize());
                explicit = true;
            } else {
                System.err.println("LinkCheck: unknown argument " + args[i]);
                System.exit(2);
            }
        }
        if (!explicit) {
            check.discoverModules(site);
        }
        System.exit(check.run());
    }

    /** Overlays the modules of {@code <basedir>/pom.xml} when the site is {@code <basedir>/target/site}. */
    private void discoverModules(Path site) throws IOException {
        Path basedir = site.getParent() == null ? null : site.getParent().getParent();
        if (basedir == null || !Files.isRegularFile(basedir.resolve("pom.xml"))) {
            return;
        }
        String pom = COMMENT.matcher(Files.readString(basedir.resolve("pom.xml"))).replaceAll("");
        Matcher m = Pattern.compile("<module>\\s*([^<]+?)\\s*</module>").matcher(pom);
        while (m.find()) {
            Path moduleDir = basedir.resolve(m.group(1)).normalize();
            Path modulePom = moduleDir.resolve("pom.xml");
            if (!Files.isRegularFile(modulePom)) {
                continue;
            }
            Path moduleSite = moduleDir.resolve("target/site");
            mounts.putIfAbsent(trimSlashes(m.group(1)), moduleSite);
            String artifactId = artifactId(Files.readString(modulePom));
            if (artifactId != null) {
                mounts.putIfAbsent(artifactId, moduleSite);
            }
        }
    }

    /** The project's own artifactId: the first one outside {@code <parent>}. */
    private static String artifactId(String pom) {
        String text = COMMENT.matcher(pom).replaceAll("").replaceAll("(?s)<parent>.*?</parent>", "");
        Matcher m = Pattern.compile("<artifactId>\\s*([^<]+?)\\s*</artifactId>").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private int run() throws IOException {
        List<String> broken = new ArrayList<>();
        int pages = 0;
        int links = 0;
        Set<Path> seen = new HashSet<>();
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            Path dir = mount.getValue();
            if (!Files.isDirectory(dir) || !seen.add(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html"))
                        .sorted().toList();
            }
            for (Path file : files) {
                pages++;
                String virtual = join(mount.getKey(), dir.relativize(file).toString().replace('\\', '/'));
                String html = SCRIPT.matcher(COMMENT.matcher(Files.readString(file, StandardCharsets.UTF_8))
                        .replaceAll("")).replaceAll("");
                Matcher m = ATTRIBUTE.matcher(html);
                while (m.find()) {
                    String href = unescape(m.group(2) != null ? m.group(2) : m.group(3)).trim();
                    links++;
                    String problem = check(virtual, file, href);
                    if (problem != null) {
                        broken.add(display(file) + ": " + m.group(1).toLowerCase(
                                Locale.ROOT) + "=\"" + href + "\": " + problem);
                    }
                }
            }
        }
        if (broken.isEmpty()) {
            System.out.println("LinkCheck: " + pages + " pages, " + links + " links, no broken internal links ("
                    + describeMounts() + ")");
            return 0;
        }
        System.out.println("LinkCheck: " + broken.size() + " broken internal link" + (broken.size() == 1 ? "" : "s")
                + " in " + pages + " pages (" + describeMounts() + "):");
        new TreeSet<>(broken).forEach(b -> System.out.println("  " + b));
        return 1;
    }

    /** A page's path relative to the root project's base directory, when it lies below it. */
    private String display(Path file) {
        Path site = mounts.get("");
        Path base = site.getParent() != null && site.getParent().getParent() != null
                ? site.getParent().getParent() : site;
        return file.startsWith(base) ? base.relativize(file).toString() : file.toString();
    }

    private String describeMounts() {
        List<String> out = new ArrayList<>();
        mounts.forEach((prefix, dir) -> {
            if (Files.isDirectory(dir)) {
                out.add((prefix.isEmpty() ? "/" : prefix + "/") + " = " + dir);
            }
        });
        return String.join(", ", out);
    }

    /** @return {@code null} if the link resolves, else why not */
    private String check(String fromVirtual, Path fromFile, String href) throws IOException {
        if (href.isEmpty() || href.startsWith("//") || SCHEME.matcher(href).find()) {
            return null;
        }
        String fragment = null;
        int hash = href.indexOf('#');
        String path = href;
        if (hash >= 0) {
            fragment = href.substring(hash + 1);
            path = href.substring(0, hash);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path target;
        if (path.isEmpty()) {
            target = fromFile;
        } else {
            String resolved;
            if (path.startsWith("/")) {
                return "absolute path; site links must be relative";
            }
            String base = fromVirtual.contains("/") ? fromVirtual.substring(0, fromVirtual.lastIndexOf('/') + 1) : "";
            resolved = normalize(base + path);
            if (resolved == null) {
                return "leaves the site";
            }
            target = resolve(resolved);
            if (target == null) {
                return "no such page";
            }
            if (Files.isDirectory(target)) {
                target = target.resolve("index.html");
                if (!Files.isRegularFile(target)) {
                    return "directory without index.html";
                }
            } else if (!Files.exists(target)) {
                String module = resolved.contains("/") ? resolved.substring(0, resolved.indexOf('/')) : "";
                Path mounted = mounts.get(module);
                if (mounted != null && !module.isEmpty() && !Files.isDirectory(mounted)) {
                    return "the site of module " + module + " (" + mounted + ") was not generated";
                }
                return "no such file";
            }
        }
        if (fragment == null || fragment.isEmpty() || fragment.equals("top")) {
            return null;
        }
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".html")) {
            return null;
        }
        String decoded = URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
        Set<String> ids = anchors(target);
        if (!ids.contains(fragment) && !ids.contains(decoded)) {
            return "no anchor '" + fragment + "' in " + target.getFileName();
        }
        return null;
    }

    /** Maps a normalised virtual path to a file: the longest mounted prefix wins. */
    private Path resolve(String virtual) {
        String first = virtual.contains("/") ? virtual.substring(0, virtual.indexOf('/')) : virtual;
        Path module = mounts.get(first);
        if (module != null && !first.isEmpty()) {
            String rest = virtual.length() > first.length() ? virtual.substring(first.length() + 1) : "";
            return rest.isEmpty() ? module : module.resolve(rest);
        }
        return virtual.isEmpty() ? mounts.get("") : mounts.get("").resolve(virtual);
    }

    private Set<String> anchors(Path file) throws IOException {
        Set<String> ids = anchors.get(file);
        if (ids == null) {
            ids = new HashSet<>();
            Matcher m = ANCHOR.matcher(COMMENT.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll(""));
            while (m.find()) {
                ids.add(unescape(m.group(1) != null ? m.group(1) : m.group(2)));
            }
            anchors.put(file, ids);
        }
        return ids;
    }

    /** Resolves {@code .} and {@code ..}; {@code null} if the path climbs above the site root. */
    private static String normalize(String path) {
        List<String> out = new ArrayList<>();
        boolean directory = path.endsWith("/");
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
            } else {
                out.add(segment);
            }
        }
        String joined = String.join("/", out);
        return directory && !joined.isEmpty() ? joined + "/" : joined;
    }

    private static String join(String prefix, String path) {
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    private static String trimSlashes(String s) {
        return s.replaceAll("^/+|/+$", "");
    }

    /** The HTML character references that occur in generated attribute values. */
    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = Pattern.compile("&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(e.startsWith("#x")
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }
}
