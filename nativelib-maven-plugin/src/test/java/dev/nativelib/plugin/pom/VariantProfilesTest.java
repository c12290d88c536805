package dev.nativelib.plugin.pom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.variant.Classifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VariantProfilesTest {

    private static final Coordinates B = new Coordinates("g", "b", "1.0", "jar", null, null);
    private static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>g</groupId>
              <artifactId>b</artifactId>
              <version>1.0</version>
              <packaging>pom</packaging>
            </project>
            """;

    /** @return per profile id, its activation (property value, or os arch) and the classifiers it brings */
    private static Map<String, String> profiles(String pom) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher profile = Pattern.compile("<profile>(.*?)</profile>", Pattern.DOTALL).matcher(pom);
        while (profile.find()) {
            String body = profile.group(1);
            Matcher id = Pattern.compile("<id>(.*?)</id>").matcher(body);
            id.find();
            Matcher value = Pattern.compile("<value>(.*?)</value>|<arch>(.*?)</arch>").matcher(body);
            value.find();
            StringBuilder jars = new StringBuilder(value.group(1) != null ? "=" + value.group(1)
                    : "arch " + value.group(2));
            Matcher classifier = Pattern.compile("<classifier>(.*?)</classifier>").matcher(body);
            while (classifier.find()) {
                jars.append(' ').append(classifier.group(1));
            }
            out.put(id.group(1), jars.toString());
        }
        return out;
    }

    @Test
    void aPlatformBringsEveryVariantAndAPropertyNarrowsToOne() {
        String out = PackagePom.withClassifierProfiles(POM, "b/pom.xml", B, List.of(
                Classifier.parse("linux-aarch_64"), Classifier.parse("linux-x86_64"),
                Classifier.parse("linux-x86_64-v3"), Classifier.parse("linux-x86_64-v4")));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("nativelib-linux-aarch_64", "arch aarch64 linux-aarch_64");
        expected.put("nativelib-linux-aarch_64-selected", "=linux-aarch_64 linux-aarch_64");
        expected.put("nativelib-linux-x86_64-amd64", "arch amd64 linux-x86_64 linux-x86_64-v3 linux-x86_64-v4");
        expected.put("nativelib-linux-x86_64-x86_64", "arch x86_64 linux-x86_64 linux-x86_64-v3 linux-x86_64-v4");
        expected.put("nativelib-linux-x86_64-selected", "=linux-x86_64 linux-x86_64 linux-x86_64-v3 linux-x86_64-v4");
        expected.put("nativelib-linux-x86_64-v3-selected", "=linux-x86_64-v3 linux-x86_64 linux-x86_64-v3");
        expected.put("nativelib-linux-x86_64-v4-selected", "=linux-x86_64-v4 linux-x86_64 linux-x86_64-v4");
        expected.put("nativelib-linux-x86_64-baseline-selected", "=linux-x86_64-baseline linux-x86_64");
        expected.put("nativelib-all", "=all linux-aarch_64 linux-x86_64 linux-x86_64-v3 linux-x86_64-v4");
        assertEquals(expected, profiles(out));
    }

    @Test
    void withoutVariantsTheProfilesAreThoseOfPlatforms() {
        List<Platform> platforms = List.of(Platform.parse("linux-x86_64"), Platform.parse("linux-x86_64-musl"));
        assertEquals(PackagePom.withPlatformProfiles(POM, "b/pom.xml", B, platforms),
                PackagePom.withClassifierProfiles(POM, "b/pom.xml", B,
                        platforms.stream().map(p -> new Classifier(p, null)).toList()));
        assertEquals(List.of("nativelib-linux-x86_64-amd64", "nativelib-linux-x86_64-x86_64",
                "nativelib-linux-x86_64-selected", "nativelib-linux-x86_64-musl-selected", "nativelib-all"),
                List.copyOf(profiles(PackagePom.withPlatformProfiles(POM, "b/pom.xml", B, platforms)).keySet()));
    }

    @Test
    void aPlatformPomListingVariantClassifiersBringsThemAsThePackagePomDoes() {
        Coordinates self = new Coordinates("g", "b-platform", "1.0", "pom", null, null);
        String xml = new PlatformPom(self, null, B, List.of(Classifier.parse("linux-x86_64"),
                Classifier.parse("linux-x86_64-v3")), List.of(), List.of()).toXml();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("nativelib-linux-x86_64-amd64", "arch amd64 linux-x86_64 linux-x86_64-v3");
        expected.put("nativelib-linux-x86_64-x86_64", "arch x86_64 linux-x86_64 linux-x86_64-v3");
        expected.put("nativelib-linux-x86_64-selected", "=linux-x86_64 linux-x86_64 linux-x86_64-v3");
        expected.put("nativelib-linux-x86_64-v3-selected", "=linux-x86_64-v3 linux-x86_64 linux-x86_64-v3");
        expected.put("nativelib-linux-x86_64-baseline-selected", "=linux-x86_64-baseline linux-x86_64");
        expected.put("nativelib-all", "=all linux-x86_64 linux-x86_64-v3");
        assertEquals(expected, profiles(xml));
    }

    @Test
    void variantsOfAMuslPlatformWithUnderscoresInTheirLabels() {
        // Read as platform names before, linux-x86_64-musl-cuda12 was refused and linux-x86_64-avx512_fp16 too.
        Coordinates self = new Coordinates("g", "b-platform", "1.0", "pom", null, null);
        String xml = new PlatformPom(self, null, B, List.of(Classifier.parse("linux-x86_64"),
                Classifier.parse("linux-x86_64-avx512_fp16"), Classifier.parse("linux-x86_64-musl"),
                Classifier.parse("linux-x86_64-musl-cuda12")), List.of(), List.of()).toXml();
        Map<String, String> expected = new LinkedHashMap<>();
        String all = " linux-x86_64 linux-x86_64-avx512_fp16 linux-x86_64-musl linux-x86_64-musl-cuda12";
        expected.put("nativelib-linux-x86_64-amd64", "arch amd64" + all);
        expected.put("nativelib-linux-x86_64-x86_64", "arch x86_64" + all);
        expected.put("nativelib-linux-x86_64-selected", "=linux-x86_64 linux-x86_64 linux-x86_64-avx512_fp16");
        expected.put("nativelib-linux-x86_64-avx512_fp16-selected",
                "=linux-x86_64-avx512_fp16 linux-x86_64 linux-x86_64-avx512_fp16");
        expected.put("nativelib-linux-x86_64-baseline-selected", "=linux-x86_64-baseline linux-x86_64");
        expected.put("nativelib-linux-x86_64-musl-selected",
                "=linux-x86_64-musl linux-x86_64-musl linux-x86_64-musl-cuda12");
        expected.put("nativelib-linux-x86_64-musl-cuda12-selected",
                "=linux-x86_64-musl-cuda12 linux-x86_64-musl linux-x86_64-musl-cuda12");
        expected.put("nativelib-linux-x86_64-musl-baseline-selected",
                "=linux-x86_64-musl-baseline linux-x86_64-musl");
        expected.put("nativelib-all", "=all" + all);
        assertEquals(expected, profiles(xml));
    }

    @Test
    void theFamilyBomManagesAVariantJarByItsClassifier() {
        String xml = new FamilyBom(new Coordinates("g", "family-bom", "1.0", "pom", null, null), null, List.of(B),
                List.of(Classifier.parse("linux-x86_64"), Classifier.parse("linux-x86_64-v3")), Map.of(), false,
                List.of()).toXml();
        Matcher m = Pattern.compile("<classifier>(.*?)</classifier>").matcher(xml);
        List<String> classifiers = new java.util.ArrayList<>();
        while (m.find()) {
            classifiers.add(m.group(1));
        }
        assertEquals(List.of("linux-x86_64", "linux-x86_64-v3"), classifiers);
    }
}
