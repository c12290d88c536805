package dev.nativelib.plugin.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.platform.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantChoiceTest {

    @Test
    void theBaselineIsTheDefault() {
        assertNull(VariantChoice.parse(null));
        assertNull(VariantChoice.parse(" "));
        assertNull(VariantChoice.parse("baseline"));
        assertEquals("v3", VariantChoice.parse(" v3 "));
        assertEquals("cuda12_v3", VariantChoice.parse("cuda12_v3"));
    }

    @Test
    void aValueThatIsNoLabelIsRefused() {
        for (String bad : new String[] {"V3", "linux-x86_64-v3", "musl", "3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VariantChoice.parse(bad));
            assertEquals("<variant> is '" + bad + "', which is not a variant label: a lowercase letter followed by up"
                    + " to 15 lowercase letters, digits or _, e.g. v3 or cuda12; leave it unset (or set it to"
                    + " baseline) for the baseline.", e.getMessage(), bad);
        }
    }

    @Test
    void aVariantNoDependencyHasListsTheOnesThatExist() {
        Map<String, List<String>> existing = new LinkedHashMap<>();
        existing.put("dev.example:fast:1.0.0", List.of("v4", "v3", "baseline"));
        existing.put("dev.example:base:1.2.0", List.of("baseline"));
        assertEquals("No native dependency has a variant v5 for linux-x86_64 (a JAR with the classifier"
                + " linux-x86_64-v5). The variants that exist:\n"
                + "  dev.example:fast:1.0.0: baseline, v3, v4\n"
                + "  dev.example:base:1.2.0: baseline\n"
                + "Choose one of them with <variant> (-Dnativelib.variant=v3), or leave it unset for the baseline.",
                VariantChoice.noneHasIt("v5", Platform.parse("linux-x86_64"), existing));
    }
}
