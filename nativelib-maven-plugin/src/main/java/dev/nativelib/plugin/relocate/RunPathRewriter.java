package dev.nativelib.plugin.relocate;

import dev.nativelib.loader.binary.BinaryInput;
import dev.nativelib.loader.binary.ElfFile;
import dev.nativelib.loader.binary.ElfReader;
import dev.nativelib.plugin.packaging.PackagingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites absolute ELF run paths ({@code DT_RPATH}, {@code DT_RUNPATH}) in place: an entry inside the install prefix
 * becomes {@code $ORIGIN}-relative, an entry elsewhere (the build tree, the build machine's system) is dropped,
 * relative entries are kept. The new string must fit in the old one's bytes in the dynamic string table; the rest is
 * filled with NULs. Nothing else in the file changes.
 */
public final class RunPathRewriter {

    private RunPathRewriter() {
    }

    /**
     * @param file          a writable copy of the library
     * @param libraryPath   the library's path inside the package, e.g. {@code lib/libfoo.so.1}
     * @param installPrefix the install prefix the library came from
     * @return a description of each change, empty if there were no absolute entries
     * @throws PackagingException if a rewritten value does not fit in the original's space
     * @throws IOException        if reading or writing fails
     */
    public static List<String> rewrite(Path file, String libraryPath, Path installPrefix)
            throws PackagingException, IOException {
        ElfFile elf;
        try (BinaryInput in = BinaryInput.open(file)) {
            elf = ElfReader.read(in);
        }
        List<String> changes = new ArrayList<>();
        for (ElfFile.DynamicString s : elf.strings()) {
            if (s.tag() != ElfFile.DT_RPATH && s.tag() != ElfFile.DT_RUNPATH) {
                continue;
            }
            Plan plan = plan(s.value(), libraryPath, installPrefix);
            if (plan.value().equals(s.value())) {
                continue;
            }
            String tag = s.tag() == ElfFile.DT_RPATH ? "RPATH" : "RUNPATH";
            if (s.value().getBytes(StandardCharsets.UTF_8).length != s.capacity()) {
                throw new PackagingException(libraryPath + ": cannot rewrite " + tag + ": it is not valid UTF-8, so"
                        + " its bytes cannot be rewritten safely. Relink it with -DCMAKE_INSTALL_RPATH='"
                        + plan.value() + "' instead.");
            }
            // The linker may merge a string that is a suffix of this one into its bytes; overwriting would corrupt it.
            for (ElfFile.DynamicString other : elf.strings()) {
                if (other != s && other.fileOffset() > s.fileOffset()
                        && other.fileOffset() <= s.fileOffset() + s.capacity()) {
                    throw new PackagingException(libraryPath + ": cannot rewrite " + tag + " '" + s.value()
                            + "' in place: the string table shares its bytes with '" + other.value() + "'. Relink it"
                            + " with -DCMAKE_INSTALL_RPATH='" + plan.value() + "' instead.");
                }
            }
            byte[] bytes = plan.value().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > s.capacity()) {
                throw new PackagingException(libraryPath + ": cannot rewrite " + tag + " '" + s.value() + "' to '"
                        + plan.value() + "': the new value needs " + bytes.length + " bytes but the original has "
                        + s.capacity() + ". Relink it with -DCMAKE_INSTALL_RPATH='" + plan.value() + "' instead.");
            }
            ByteBuffer patch = ByteBuffer.allocate(s.capacity());
            patch.put(bytes);
            patch.flip().limit(s.capacity());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                long at = s.fileOffset();
                while (patch.hasRemaining()) {
                    at += channel.write(patch, at);
                }
            }
            changes.add(libraryPath + ": " + tag + " '" + s.value() + "' -> '" + plan.value() + "'"
                    + (plan.dropped().isEmpty() ? "" : " (dropped " + String.join(", ", plan.dropped())
                    + ": outside the install prefix)"));
        }
        return changes;
    }

    /**
     * @param value         a colon-separated run path
     * @param libraryPath   the library's path inside the package
     * @param installPrefix the install prefix
     * @return the rewritten value and the entries dropped from it
     */
    static Plan plan(String value, String libraryPath, Path installPrefix) {
        Set<Path> prefixes = new LinkedHashSet<>();
        prefixes.add(installPrefix.toAbsolutePath().normalize());
        try {
            prefixes.add(installPrefix.toRealPath());
        } catch (IOException e) {
            // the prefix as given is enough
        }
        String dir = libraryPath.contains("/") ? libraryPath.substring(0, libraryPath.lastIndexOf('/')) : "";
        Set<String> kept = new LinkedHashSet<>();
        List<String> dropped = new ArrayList<>();
        for (String entry : value.split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.startsWith("/")) {
                kept.add(entry);
                continue;
            }
            Path target = Paths.get(entry).normalize();
            String rewritten = null;
            for (Path prefix : prefixes) {
                if (target.startsWith(prefix)) {
                    Path relative = prefix.resolve(dir).relativize(target);
                    String r = relative.toString().replace('\\', '/');
                    rewritten = r.isEmpty() ? "$ORIGIN" : "$ORIGIN/" + r;
                    break;
                }
            }
            if (rewritten == null) {
                dropped.add(entry);
            } else {
                kept.add(rewritten);
            }
        }
        return new Plan(String.join(":", kept), dropped);
    }

    /**
     * @param value   the new run path
     * @param dropped absolute entries outside the prefix that were removed
     */
    record Plan(String value, List<String> dropped) {
    }
}
