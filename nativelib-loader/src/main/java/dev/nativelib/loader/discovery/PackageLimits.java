package dev.nativelib.loader.discovery;

import dev.nativelib.loader.descriptor.DescriptorException;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.settings.Settings;

/**
 * How much of a package JAR discovery reads, and how large a library it accepts: every read of package input is
 * bounded, so a small hostile or damaged JAR (a few kilobytes can inflate to gigabytes) ends in an error naming it
 * rather than in an {@link OutOfMemoryError} or a full disk. The one setting, {@code nativelib.maxLibrarySize}, is
 * declared with the others in {@link Settings}.
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

    /**
     * The most packages one JAR's index may list: 256. A classifier JAR holds one package; a JAR merged from a whole
     * family of packages (a shaded application) a few dozen. The index may not repeat a line, so no descriptor is
     * read twice.
     */
    public static final int MAX_PACKAGES_PER_JAR = 256;

    /**
     * The most bytes all descriptors of one JAR may hold together: 8 MiB, so that a small crafted JAR cannot make
     * discovery hold {@value #MAX_PACKAGES_PER_JAR} descriptors of 1 MiB each. Real ones take a few kilobytes.
     */
    public static final long MAX_DESCRIPTOR_BYTES_PER_JAR = 8L << 20;

    /**
     * The default of {@code nativelib.maxLibrarySize}: 4 GiB, twice the largest real libraries found. Sizes seen in
     * the wild: libtorch 1.10 (CUDA 11.3) ships {@code libtorch_cuda_cpp.so} of 1.9 GB and a 2021 PyTorch nightly one
     * of 1,887 MB (pytorch/pytorch issues 69646 and 56055); TensorRT's two {@code libnvinfer_builder_resource} files
     * take 2.6 GiB together (triton-inference-server/server issue 7932); cuDNN 9's
     * {@code libcudnn_engines_precompiled.so} is 487 MB. A build with full debug information can exceed it (a
     * {@code libtorch_cpu.so} of over 4 GB, pytorch/pytorch issue 61261): raise the setting for such packages.
     */
    public static final long DEFAULT_MAX_LIBRARY_SIZE = 4L << 30;

    private PackageLimits() {
    }

    /**
     * Reads {@code nativelib.maxLibrarySize}: a positive number of bytes, optionally followed by {@code K},
     * {@code M} or {@code G} (either case; powers of 1024), e.g. {@code 8G}. Blank or unset means
     * {@link #DEFAULT_MAX_LIBRARY_SIZE}.
     *
     * @return the largest library size a descriptor may declare, in bytes
     * @throws IllegalArgumentException naming the setting and the accepted form, if the value is not such a size
     */
    public static long maxLibrarySize() {
        return Settings.MAX_LIBRARY_SIZE.size(DEFAULT_MAX_LIBRARY_SIZE);
    }

    /**
     * @param pkg          the package, as messages name it
     * @param library      its library
     * @param source       names the descriptor in messages
     * @param maxSize      {@link #maxLibrarySize()}
     * @throws DescriptorException if the library declares more than {@code maxSize} bytes
     */
    static void checkSize(String pkg, LibraryEntry library, String source, long maxSize) {
        if (library.size() > maxSize) {
            long gib = (library.size() + (1L << 30) - 1) >> 30;
            String setting = Settings.MAX_LIBRARY_SIZE.property();
            throw new DescriptorException(source + ": library " + library.path() + " of " + pkg + " declares "
                    + library.size() + " bytes, more than the " + describe(maxSize) + " that -D" + setting
                    + " allows; if the package is genuine, raise the limit, e.g. -D" + setting + "=" + gib + "G");
        }
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
