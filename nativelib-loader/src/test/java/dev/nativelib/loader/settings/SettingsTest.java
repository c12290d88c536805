package dev.nativelib.loader.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @AfterEach
    void clear() {
        for (Setting s : Settings.ALL) {
            System.clearProperty(s.property());
        }
    }

    @Test
    void everyChoiceIsValidatedAndAnyCaseIsAccepted() {
        for (Setting s : Settings.ALL) {
            if (!s.kind().equals(Setting.CHOICE)) {
                continue;
            }
            assertEquals(s.defaultValue(), s.choice(), s.property());
            String last = s.choices().get(s.choices().size() - 1);
            System.setProperty(s.property(), last.toUpperCase(java.util.Locale.ROOT));
            assertEquals(last, s.choice(), "upper case works for " + s.property());
            System.setProperty(s.property(), "typo");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Settings::validate);
            assertEquals("-D" + s.property() + "=typo is not valid; use " + s.describeChoices(), e.getMessage());
            System.clearProperty(s.property());
        }
        System.setProperty("nativelib.cache.onDamage", "Refsue");
        assertEquals("-Dnativelib.cache.onDamage=Refsue is not valid; use replace (the default) or refuse",
                assertThrows(IllegalArgumentException.class, Settings::validate).getMessage());
    }

    @Test
    void booleansTakeOneRule() {
        System.setProperty("nativelib.preferSystem", "maybe");
        assertEquals("-Dnativelib.preferSystem=maybe is not a boolean; use true or false (yes/no, on/off and 1/0"
                + " work too)", assertThrows(IllegalArgumentException.class, Settings::validate).getMessage());
        for (String yes : List.of("true", "YES", "On", "1")) {
            System.setProperty("nativelib.preferSystem", yes);
            assertEquals(true, Settings.PREFER_SYSTEM.bool(false), yes);
        }
        for (String no : List.of("false", "No", "OFF", "0")) {
            System.setProperty("nativelib.preferSystem", no);
            assertEquals(false, Settings.PREFER_SYSTEM.bool(true), no);
        }
    }

    @Test
    void perPackageSettingsNameTheArtifact() {
        Setting path = Settings.PACKAGE_PATH.forPackage("greet-native");
        assertEquals("nativelib.greet-native.path", path.property());
        assertEquals("NATIVELIB_GREET_NATIVE_PATH", path.environment());
        assertEquals("NATIVELIB_GREET_NATIVE_PREFER_SYSTEM",
                Settings.PACKAGE_PREFER_SYSTEM.forPackage("greet-native").environment());
    }

    /**
     * The settings page lists exactly the declared settings, with their variables and values: the table's first
     * three columns are what the declarations say.
     */
    @Test
    void theSettingsPageListsExactlyTheDeclaredSettings() throws IOException {
        Path page = Paths.get(System.getProperty("site.dir", "../src/site")).resolve("markdown/loader-settings.md");
        List<String> rows = new ArrayList<>();
        List<String> meanings = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("| system property | environment variable | values |")) {
                inTable = true;
                continue;
            }
            if (inTable && line.startsWith("|---")) {
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            if (inTable) {
                String[] cells = line.split("\\|");
                rows.add(cells[1].trim() + " | " + cells[2].trim() + " | " + cells[3].trim());
                meanings.add(cells[4].trim().replaceAll("\\[([^]]*)\\]\\([^)]*\\)", "$1"));
            }
        }
        List<String> declared = new ArrayList<>();
        for (Setting s : Settings.ALL) {
            declared.add("`" + s.property() + "` | " + (s.environment() == null ? "" : "`" + s.environment() + "`")
                    + " | " + values(s));
        }
        assertEquals(declared, rows, "src/site/markdown/loader-settings.md must list what Settings declares");
        for (int i = 0; i < Settings.ALL.size(); i++) {
            Setting s = Settings.ALL.get(i);
            assertTrue(meanings.get(i).startsWith(s.doc()), s.property() + ": the page says '" + meanings.get(i)
                    + "', the declaration '" + s.doc() + "'");
        }
    }

    private static String values(Setting s) {
        switch (s.kind()) {
            case Setting.CHOICE:
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < s.choices().size(); i++) {
                    out.append(i == 0 ? "" : ", ").append('`').append(s.choices().get(i)).append('`')
                            .append(i == 0 ? " (default)" : "");
                }
                return out.toString();
            case Setting.BOOLEAN:
                return "boolean";
            case Setting.DIRECTORY:
                return "a directory";
            case Setting.SIZE:
                return "a size in bytes, optionally followed by `K`, `M` or `G` (powers of 1024, either case), e.g."
                        + " `8G`; default `4G`";
            case Setting.PROPERTIES:
                return "variant properties, e.g. `x86_64 :: level :: v4`, separated by commas";
            default:
                return "a platform name, e.g. `linux-x86_64`";
        }
    }
}
