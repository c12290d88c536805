package dev.nativelib.loader.discovery;

/**
 * How much of a package JAR discovery reads: every read of package input is bounded, so a small hostile or damaged
 * JAR (a few kilobytes can inflate to gigabytes) ends in an error naming it rather than in an
 * {@link OutOfMemoryError}.
 */
public final class PackageLimits {

    /**
     * The most bytes a JAR's {@code META-INF/nativelib/index.list} may hold: 1 MiB. nativelib-maven-plugin writes one
     * line of a few dozen bytes per package, so even a JAR merged from thousands of packages stays far below.
     */
    public static final int MAX_INDEX_BYTES = 1 << 20;

    /**
     * The most bytes a package's descriptor may hold: 1 MiB. A descriptor takes a few hundred bytes per library (its
     * facts and needed names) and a few dozen per link: a package of 500 libraries needing 50 names each stays under
     * 1 MiB, and real ones (CUDA's toolkit has about 100 libraries) take a few to a few hundred kilobytes.
     */
    public static final int MAX_DESCRIPTOR_BYTES = 1 << 20;

    private PackageLimits() {
    }

    /**
     * @param bytes a size
     * @return it in the largest binary unit that divides it, e.g. {@code 1 MiB}, {@code 4 GiB}, {@code 1000 bytes}
     */
    static String describe(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        long n = bytes;
        while (n != 0 && n % 1024 == 0 && unit < units.length - 1) {
            n /= 1024;
            unit++;
        }
        return n + " " + units[unit];
    }
}
