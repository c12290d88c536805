package dev.nativelib.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The loader's declared API: what module-info exports, and that it needs nothing but java.base. */
class ModuleDescriptorTest {

    @Test
    void exportsOnlyTheApiAndTheBinaryReaders() {
        ModuleDescriptor module = ModuleFinder.of(Paths.get(System.getProperty("classes.dir", "target/classes")))
                .find("dev.nativelib.loader").orElseThrow().descriptor();
        Set<String> exported = new TreeSet<>();
        for (ModuleDescriptor.Exports e : module.exports()) {
            assertEquals(Set.of(), e.targets(), "no qualified exports");
            exported.add(e.source());
        }
        assertEquals(Set.of("dev.nativelib.loader", "dev.nativelib.loader.binary"), exported);
        Set<String> required = new TreeSet<>();
        for (ModuleDescriptor.Requires r : module.requires()) {
            required.add(r.name());
        }
        assertEquals(Set.of("java.base"), required, "no dependencies");
    }
}
