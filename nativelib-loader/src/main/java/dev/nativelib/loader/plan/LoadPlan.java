package dev.nativelib.loader.plan;

import dev.nativelib.loader.settings.Settings;
import dev.nativelib.loader.cache.CacheDirectory;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The outcome of one full {@code NativeLoader.load(name)} (discovery, selection, dependency order, cache directories)
 * written down so that the next JVM with the same {@link #key key} and an unchanged class path can go straight to
 * checking and loading the extracted files: which packages, in which order, from which cache directories, and the
 * fingerprint of every class-path entry it was derived from.
 *
 * <p>A plan decides nothing about integrity: every package directory it names must still carry a valid verified
 * stamp, exactly as on the full path; anything that does not match sends the load down the full path, which rewrites
 * the plan ({@link PlanWriter}, which also holds
 * what only writing needs, to keep this class small: a fresh JVM pays for every kilobyte of class it loads).
 *
 * <p>Stored in the cache root's {@value #DIRECTORY} directory, one file per key, named by checksums of the key. The
 * text is UTF-8 lines of tab-separated fields, then a line {@code key} and the key verbatim up to the end of the file,
 * which is compared whole, so that a clash of checksums costs only a full load. No field holds a tab, newline or
 * carriage return ({@link PlanWriter#writable(LoadPlan)}), so reading needs no unescaping: every character a planned
 * start scans costs it time, as it runs in the interpreter.
 *
 * <p>Everything a planned start needs is in this one class, and it holds its packages in plain lists rather than in
 * little record classes: a fresh JVM pays about half a millisecond for each class it loads from a JAR, which is as much
 * as the work of a planned start's steps.
 */
public final class LoadPlan {

    /** Directory of the plans, inside the cache root. */
    public static final String DIRECTORY = ".plans";
    /** Format 2 binds every library to its SHA-256; plans of format 1 are not read (the full path rewrites them). */
    static final String HEADER = "nativelib-plan 2";
    static final String SUFFIX = ".plan";
    /**
     * The largest plan read, in bytes. A plan holds its key (the class path among it) and one line per class-path
     * entry and library: a class path of 5,000 JARs makes about 1 MB. A larger file is not one this loader wrote.
     */
    static final int MAX_BYTES = 8 << 20;
    /** Fingerprint of a class-path entry that does not exist; should it appear later, the class path has changed. */
    static final String MISSING = "missing";
    /** Fingerprint of a class-path directory without an index of native packages. */
    static final String DIRECTORY_ENTRY = "directory";
    private static final String INDEX = "META-INF/nativelib/index.list";
    private static final String[] JVM = {"java.home", "java.vm.version", "java.vm.vendor", "java.runtime.version",
        "os.name", "os.arch", "user.dir"};

    private final String key;
    private final String platform;
    /** The machine's signature when variants were chosen by it, else {@code null}. */
    private String machine;
    /** The {@code MachineStamp} of what that signature was detected from, or {@code null}. */
    private String machineStamp;
    private int resultPackage = -1;
    private int resultLibrary = -1;
    final List<String> entries = new ArrayList<>();
    final List<String> states = new ArrayList<>();
    /** Per package: loader key, coordinates, directory relative to the cache root, origin. */
    final List<String[]> packages = new ArrayList<>();
    /** Per package, per library: path inside the package directory, SONAME or "", "global" or "local". */
    final List<List<String[]>> libraries = new ArrayList<>();
    final List<List<String>> aliases = new ArrayList<>();

    /**
     * Starts an empty plan; {@link #addPackage}, {@link #addLibrary}, {@link #addAlias}, {@link #addEntry} and
     * {@link #result} fill it.
     *
     * @param key      the {@link #key(String) key} it answers
     * @param platform the platform its packages are for
     */
    public LoadPlan(String key, String platform) {
        this.key = key;
        this.platform = platform;
    }

    /**
     * Everything besides the class path's content that decides what {@code NativeLoader.load(name)} loads, as one
     * text: the name, the JVM (its installation, version and vendor fix the platform, C library included), the working
     * directory relative class-path entries resolve against, the class path, and every {@code nativelib.*} system
     * property and {@code NATIVELIB_*} environment variable (platform override, library overrides, cache and
     * verification settings) except the log level and the hardware settings ({@code nativelib.hardware.add} and
     * {@code .mask}): those act through the machine's signature, which a plan that chose variants records and a replay
     * compares, while they do not matter to a plan without variants. Two starts with the same key and an unchanged class path find the
     * same packages and load them in the same order.
     *
     * @param name the name {@code load} was asked for
     * @return the key, or {@code null} when plans do not apply: switched off with {@code nativelib.plan}, no class
     *         path, or a module path (whose directories of JARs a plan does not fingerprint)
     * @throws IllegalArgumentException if {@code nativelib.plan} is neither {@code on} nor {@code off}
     */
    public static String key(String name) {
        String setting = Settings.PLAN.choice();
        String classPath = System.getProperty("java.class.path");
        String modulePath = System.getProperty("jdk.module.path");
        if (setting.equals("off") || classPath == null || classPath.isEmpty()
                || modulePath != null && !modulePath.isEmpty()) {
            return null;
        }
        StringBuilder key = new StringBuilder(classPath.length() + 1024);
        key.append("load ").append(name).append('\n');
        for (String p : JVM) {
            key.append(p).append('=').append(System.getProperty(p)).append('\n');
        }
        Map<String, String> settings = new TreeMap<>();
        for (String p : System.getProperties().stringPropertyNames()) {
            if (p.startsWith("nativelib.") && !p.equals(Settings.LOG.property())
                    && !p.equals(Settings.HARDWARE_ADD.property()) && !p.equals(Settings.HARDWARE_MASK.property())) {
                settings.put("-D" + p, System.getProperty(p));
            }
        }
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (e.getKey().startsWith("NATIVELIB_") && !e.getKey().equals(Settings.LOG.environment())
                    && !e.getKey().equals(Settings.HARDWARE_ADD.environment())
                    && !e.getKey().equals(Settings.HARDWARE_MASK.environment())) {
                settings.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            key.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return key.append("java.class.path=").append(classPath).toString();
    }

    /**
     * @param root a cache root
     * @param key  a {@link #key(String) key}
     * @return the file the plan for {@code key} lives in
     */
    public static Path file(Path root, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return root.resolve(DIRECTORY).resolve(Long.toHexString(crc.getValue()) + "-"
                + Integer.toHexString(key.hashCode()) + SUFFIX);
    }

    /**
     * @param root a cache root
     * @param key  a {@link #key(String) key}
     * @return the plan stored for {@code key}, or {@code null} if there is none (or only something unreadable)
     */
    public static LoadPlan find(Path root, String key) {
        File file = file(root, key).toFile();
        if (!file.isFile() || file.length() > MAX_BYTES || !own(file)) {
            return null;
        }
        byte[] bytes;
        // FileInputStream rather than Files: the JDK's channel classes are not in its default CDS archive, and
        // loading them would cost a planned start more than reading the plan does. Read up to the cap only: the file
        // may have grown since its length was read.
        try (InputStream in = new FileInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return null;
        }
        if (bytes.length > MAX_BYTES) {
            return null;
        }
        LoadPlan plan = parse(new String(bytes, StandardCharsets.UTF_8));
        return plan != null && plan.key.equals(key) ? plan : null;
    }

    /** Whether the plan file belongs to this user: one made by another, while the root was open, is not read. */
    private static boolean own(File file) {
        try {
            return CacheDirectory.foreignOwner(file.toPath()) == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Fingerprints one class-path entry: a file by its size and modification time (to the millisecond), a directory
     * by the absence of a package index in it, a missing entry as {@value #MISSING}. Rebuilding, replacing, adding or
     * removing a JAR changes the fingerprint. It is a change detector, not a seal: whoever can replace a class-path JAR
     * runs code in this JVM anyway, and the libraries a plan names are checked against their verified stamps on
     * every start. Read through {@link File}, two system calls per entry without an object for its attributes,
     * because a planned start reads every entry's fingerprint.
     *
     * @param entry an absolute class-path entry
     * @return the fingerprint, or {@code null} for a directory that holds native packages (which are loaded in place,
     *         and whose files a fingerprint of the directory would not cover)
     */
    public static String fingerprint(String entry) {
        File file = new File(entry);
        if (file.isDirectory()) {
            return new File(file, INDEX).exists() ? null : DIRECTORY_ENTRY;
        }
        long modified = file.lastModified();
        return modified == 0L && !file.exists() ? MISSING : "file " + file.length() + " " + modified;
    }

    /** @return the key this plan answers */
    public String key() {
        return key;
    }

    /** @return the platform name, e.g. {@code linux-x86_64} */
    public String platform() {
        return platform;
    }

    /**
     * @return the machine's signature ({@code MachineProperties.signature()}) the plan's variants were chosen by,
     *         which a replay compares with this machine's; {@code null} when the load chose no variant by the machine
     *         (then a replay detects nothing)
     */
    public String machine() {
        return machine;
    }

    /**
     * @return the {@code MachineStamp} of the files and settings {@link #machine()} was detected from: a start with
     *         the same stamp has the same signature and need not detect; {@code null} when there is none (then a
     *         replay of a plan that chose variants detects)
     */
    public String machineStamp() {
        return machineStamp;
    }

    /**
     * Records the machine's signature, for a load that chose among variants by it.
     *
     * @param signature the signature, or {@code null} when no choice depended on the machine
     * @param stamp     the stamp of what the signature was detected from, or {@code null}; ignored without a
     *                  signature
     */
    public void machine(String signature, String stamp) {
        this.machine = signature;
        this.machineStamp = signature == null ? null : stamp;
    }

    /**
     * Records a class-path entry the plan was derived from.
     *
     * @param path        the entry's absolute path
     * @param fingerprint its {@link #fingerprint(String) fingerprint} before discovery
     */
    public void addEntry(String path, String fingerprint) {
        entries.add(path);
        states.add(fingerprint);
    }

    /**
     * Appends a package to the load order.
     *
     * @param packageKey  the loader's key for it, {@code groupId:artifactId:platform}
     * @param coordinates {@code groupId:artifactId:version}
     * @param directory   its cache directory relative to the cache root, with {@code /} separators
     * @param origin      the JAR it was extracted from
     */
    public void addPackage(String packageKey, String coordinates, String directory, String origin) {
        packages.add(new String[] {packageKey, coordinates, directory, origin});
        libraries.add(new ArrayList<>());
        aliases.add(new ArrayList<>());
    }

    /**
     * Appends a library to the last package added.
     *
     * @param path   its path inside the package directory
     * @param sha256 the SHA-256 its package's descriptor gives it: a replay loads it only when the directory's
     *               verified stamp vouches for this very hash
     * @param soname its SONAME, or {@code null}
     * @param global whether it is opened with global symbol scope
     */
    public void addLibrary(String path, String sha256, String soname, boolean global) {
        libraries.get(libraries.size() - 1).add(new String[] {path, soname == null ? "" : soname,
            global ? "global" : "local", sha256});
    }

    /**
     * Adds an alias (link) the last package's directory must hold.
     *
     * @param path its path inside the package directory
     */
    public void addAlias(String path) {
        aliases.get(aliases.size() - 1).add(path);
    }

    /**
     * @param packageIndex index of the requested package
     * @param libraryIndex index of the requested library in it
     */
    public void result(int packageIndex, int libraryIndex) {
        this.resultPackage = packageIndex;
        this.resultLibrary = libraryIndex;
    }

    /** @return how many packages the plan loads */
    public int packageCount() {
        return packages.size();
    }

    /**
     * @param i a package index
     * @return the loader's key of package {@code i}
     */
    public String packageKey(int i) {
        return packages.get(i)[0];
    }

    /**
     * @param i a package index
     * @return coordinates of package {@code i}
     */
    public String coordinates(int i) {
        return packages.get(i)[1];
    }

    /**
     * @param i a package index
     * @return the cache directory of package {@code i}, relative to the cache root
     */
    public String directory(int i) {
        return packages.get(i)[2];
    }

    /**
     * @param i a package index
     * @return the JAR package {@code i} was extracted from
     */
    public String origin(int i) {
        return packages.get(i)[3];
    }

    /**
     * @param i a package index
     * @return how many libraries package {@code i} loads
     */
    public int libraryCount(int i) {
        return libraries.get(i).size();
    }

    /**
     * @param i a package index
     * @param j a library index
     * @return the path of library {@code j} of package {@code i} inside its directory
     */
    public String libraryPath(int i, int j) {
        return libraries.get(i).get(j)[0];
    }

    /**
     * @param i a package index
     * @param j a library index
     * @return the SONAME of library {@code j} of package {@code i}, or {@code null}
     */
    public String soname(int i, int j) {
        String soname = libraries.get(i).get(j)[1];
        return soname.isEmpty() ? null : soname;
    }

    /**
     * @param i a package index
     * @param j a library index
     * @return whether library {@code j} of package {@code i} is opened with global symbol scope
     */
    public boolean global(int i, int j) {
        return libraries.get(i).get(j)[2].equals("global");
    }

    /**
     * @param i a package index
     * @return the paths of package {@code i}'s libraries inside its directory, in load order
     */
    public List<String> libraryPaths(int i) {
        List<String> paths = new ArrayList<>();
        for (String[] library : libraries.get(i)) {
            paths.add(library[0]);
        }
        return paths;
    }

    /**
     * @param i a package index
     * @return the SHA-256 of package {@code i}'s libraries, in the order of {@link #libraryPaths(int)}
     */
    public List<String> librarySha256s(int i) {
        List<String> hashes = new ArrayList<>();
        for (String[] library : libraries.get(i)) {
            hashes.add(library[3]);
        }
        return hashes;
    }

    /**
     * @param i a package index
     * @return the aliases package {@code i}'s directory must hold
     */
    public List<String> aliases(int i) {
        return aliases.get(i);
    }

    /** @return index of the requested package */
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
     * @return the first class-path entry whose fingerprint changed since the plan was made, with the old and new
     *         fingerprint, or {@code null} when none did
     */
    public String changedEntry() {
        for (int i = 0; i < entries.size(); i++) {
            String now = fingerprint(entries.get(i));
            if (!states.get(i).equals(now)) {
                return entries.get(i) + " (was " + states.get(i) + ", now " + now + ")";
            }
        }
        return null;
    }

    /**
     * @return whether the plan is complete: a platform, at least one package, every package with a library, and a
     *         result inside them
     */
    public boolean complete() {
        if (platform == null || packages.isEmpty() || resultPackage < 0 || resultPackage >= packages.size()
                || resultLibrary < 0 || resultLibrary >= libraries.get(resultPackage).size()) {
            return false;
        }
        for (List<String[]> l : libraries) {
            if (l.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a plan written by {@link PlanWriter#format}.
     *
     * @param text the plan's text
     * @return the plan, or {@code null} when the text is not a complete plan of this format (a partial or foreign
     *         file is not an error: the load takes the full path and writes a new plan)
     */
    public static LoadPlan parse(String text) {
        if (!text.startsWith(HEADER + "\n")) {
            return null;
        }
        int keyLine = text.indexOf("\nkey\n");
        if (keyLine < 0) {
            return null;
        }
        String platform = null;
        String machine = null;
        String stamp = null;
        int resultPackage = -1;
        int resultLibrary = -1;
        List<List<String>> lines = new ArrayList<>();
        int start = HEADER.length() + 1;
        while (start <= keyLine) {
            int end = text.indexOf('\n', start);
            List<String> f = fields(text.substring(start, end));
            start = end + 1;
            String kind = f.get(0);
            if (kind.equals("platform") && f.size() == 2) {
                platform = f.get(1);
            } else if (kind.equals("machine") && (f.size() == 2 || f.size() == 3 && stamp(f.get(2)))) {
                machine = f.get(1);
                stamp = f.size() == 3 ? f.get(2) : null;
            } else if (kind.equals("result") && f.size() == 3) {
                resultPackage = number(f.get(1));
                resultLibrary = number(f.get(2));
            } else {
                lines.add(f);
            }
        }
        LoadPlan plan = new LoadPlan(text.substring(keyLine + 5), platform);
        plan.result(resultPackage, resultLibrary);
        plan.machine(machine, stamp);
        for (List<String> f : lines) {
            String kind = f.get(0);
            if (kind.equals("entry") && f.size() == 3) {
                plan.addEntry(f.get(2), f.get(1));
            } else if (kind.equals("package") && f.size() == 5 && relative(f.get(3))) {
                plan.addPackage(f.get(1), f.get(2), f.get(3), f.get(4));
            } else if (kind.equals("library") && f.size() == 5 && !plan.packages.isEmpty() && relative(f.get(4))
                    && (f.get(1).equals("global") || f.get(1).equals("local")) && sha256(f.get(2))) {
                plan.addLibrary(f.get(4), f.get(2), f.get(3), f.get(1).equals("global"));
            } else if (kind.equals("alias") && f.size() == 2 && !plan.packages.isEmpty() && relative(f.get(1))) {
                plan.addAlias(f.get(1));
            } else {
                return null;
            }
        }
        return plan.complete() ? plan : null;
    }

    /** A relative path inside the cache that cannot climb out of it: no leading {@code /}, no {@code ..}. */
    static boolean relative(String path) {
        return !path.isEmpty() && path.charAt(0) != '/' && path.indexOf("..") < 0 && path.indexOf('\\') < 0
                && path.indexOf(':') < 0;
    }

    /** 64 lower-case hex digits, as descriptors write a SHA-256. */
    private static boolean sha256(String s) {
        return hex(s, 64);
    }

    /** 16 lower-case hex digits, as {@code MachineStamp} writes a stamp. */
    private static boolean stamp(String s) {
        return hex(s, 16);
    }

    private static boolean hex(String s, int digits) {
        if (s.length() != digits) {
            return false;
        }
        for (int i = 0; i < digits; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
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

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>(6);
        int start = 0;
        while (true) {
            int tab = line.indexOf('\t', start);
            if (tab < 0) {
                out.add(line.substring(start));
                return out;
            }
            out.add(line.substring(start, tab));
            start = tab + 1;
        }
    }
}
