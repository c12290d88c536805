package dev.nativelib.loader.platform;

/**
 * The C library a Linux process runs on, and what showed it. Libraries built against glibc and against musl do not
 * load into each other's processes, so the libc is part of the platform name: glibc is the default (no variant,
 * {@code linux-x86_64}), musl adds the variant {@code musl} ({@code linux-x86_64-musl}).
 *
 * @param variant  the platform variant this libc stands for: {@code null} for glibc, {@link #MUSL} for musl
 * @param evidence what the detection saw, for diagnostics, e.g.
 *                 {@code /proc/self/maps maps /lib/ld-musl-x86_64.so.1}
 */
public record Libc(String variant, String evidence) {

    /** The platform variant of musl-based Linux. */
    public static final String MUSL = "musl";

    /**
     * @param variant a platform variant ({@code null} for the platform's default libc)
     * @return the libc's name for messages: {@code glibc} for no variant, else the variant, e.g. {@code musl}
     */
    public static String describe(String variant) {
        return variant == null ? "glibc" : variant;
    }

    /** @return the libc's name for messages, {@code glibc} or {@code musl} */
    public String name() {
        return describe(variant);
    }
}
