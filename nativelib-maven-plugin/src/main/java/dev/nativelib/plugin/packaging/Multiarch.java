package dev.nativelib.plugin.packaging;

import dev.nativelib.loader.platform.Platform;
import java.util.Map;

/**
 * Debian's multiarch tuples: distributions that install several architectures side by side keep libraries in
 * {@code lib/<tuple>/} and architecture-specific headers in {@code include/<tuple>/}, and their compilers search
 * {@code include/<tuple>} before {@code include}. See https://wiki.debian.org/Multiarch/Tuples.
 */
final class Multiarch {

    private static final Map<String, String> GNU = Map.of(
            "x86_64", "x86_64-linux-gnu",
            "x86_32", "i386-linux-gnu",
            "aarch_64", "aarch64-linux-gnu",
            "arm_32", "arm-linux-gnueabihf",
            "ppcle_64", "powerpc64le-linux-gnu",
            "s390_64", "s390x-linux-gnu",
            "riscv64", "riscv64-linux-gnu");

    private Multiarch() {
    }

    /**
     * @param platform a platform
     * @return its multiarch tuple, e.g. {@code x86_64-linux-gnu} for {@code linux-x86_64} and
     *         {@code x86_64-linux-musl} for {@code linux-x86_64-musl}; {@code null} for other systems
     */
    static String tuple(Platform platform) {
        if (!platform.os().equals("linux")) {
            return null;
        }
        String gnu = GNU.get(platform.arch());
        if (gnu == null) {
            return null;
        }
        return "musl".equals(platform.variant()) ? gnu.substring(0, gnu.indexOf("-linux-")) + "-linux-musl" : gnu;
    }
}
