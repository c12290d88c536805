package dev.nativelib.loader.binary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What nativelib needs to know about one shared library (or one slice of a fat Mach-O file), in terms common to all
 * formats.
 *
 * @param format          the file format
 * @param architecture    os-maven-plugin architecture name, e.g. {@code x86_64}, {@code aarch_64}; {@code unknown}
 *                        when the machine code is not one we name
 * @param identity        the name other libraries use to link against it: ELF {@code DT_SONAME}, Mach-O
 *                        {@code LC_ID_DYLIB} install name, PE export-directory DLL name; {@code null} if absent
 * @param needed          what it needs loaded first: ELF {@code DT_NEEDED}, Mach-O {@code LC_LOAD_DYLIB} and
 *                        friends, PE imported and delay-imported DLLs; in file order
 * @param runPaths        where it asks the dynamic loader to look: ELF {@code DT_RPATH} and {@code DT_RUNPATH} entries,
 *                        Mach-O {@code LC_RPATH}; empty on Windows
 * @param versionNeeds    ELF symbol-version requirements by needed file ({@code DT_VERNEED}), e.g.
 *                        {@code libc.so.6 -> [GLIBC_2.2.5, GLIBC_2.14]}, files and versions in file order; empty for
 *                        other formats. {@code GLIBCXX_*} and {@code CXXABI_*} come from {@code libstdc++.so.6},
 *                        {@code GCC_*} from {@code libgcc_s.so.1}
 * @param minimumGlibc    the newest {@code GLIBC_x.y} version required, e.g. {@code 2.34}; {@code null} if none
 * @param minimumOs       Mach-O minimum macOS version, e.g. {@code 11.0}; {@code null} for other formats or if absent
 */
public record BinaryInfo(BinaryFormat format, String architecture, String identity, List<String> needed,
                         List<String> runPaths, Map<String, List<String>> versionNeeds, String minimumGlibc,
                         String minimumOs) {

    /**
     * Copies the collections, keeping the order of {@code versionNeeds} (file order).
     *
     * @param format       the file format
     * @param architecture os-maven-plugin architecture name, or {@code unknown}
     * @param identity     the name other libraries link against it by, or {@code null}
     * @param needed       the libraries it needs loaded first, in file order
     * @param runPaths     the directories it asks the dynamic loader to search
     * @param versionNeeds ELF symbol-version requirements by needed file; empty for other formats
     * @param minimumGlibc the newest {@code GLIBC_x.y} version required, or {@code null}
     * @param minimumOs    Mach-O minimum macOS version, or {@code null}
     */
    public BinaryInfo {
        needed = List.copyOf(needed);
        runPaths = List.copyOf(runPaths);
        Map<String, List<String>> needs = new LinkedHashMap<>();
        versionNeeds.forEach((file, names) -> needs.put(file, List.copyOf(names)));
        versionNeeds = Collections.unmodifiableMap(needs);
    }
}
