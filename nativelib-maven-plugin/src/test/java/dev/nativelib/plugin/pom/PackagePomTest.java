package dev.nativelib.plugin.pom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackagePomTest {

    private static final Coordinates B = new Coordinates("g", "b", "1.0", "jar", null, null);

    @Test
    void theProjectsPomKeepsEverythingAndGainsOneProfilePerPlatform() {
        String pom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <!-- B requires A -->
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>g</groupId>
                    <artifactId>parent</artifactId>
                    <version>1.0</version>
                  </parent>
                  <artifactId>b</artifactId>
                  <packaging>pom</packaging>
                  <dependencies>
                    <dependency>
                      <groupId>g</groupId>
                      <artifactId>a</artifactId>
                      <version>1.0</version>
                      <type>pom</type>
                    </dependency>
                  </dependencies>
                </project>
                """;
        String out = PackagePom.withPlatformProfiles(pom, "b/pom.xml", B, List.of(Platform.parse("osx-aarch_64")));
        String expected = pom.replace("</project>\n", """
                  <profiles>
                    <!-- Added by nativelib: depending on this POM (&lt;type&gt;pom&lt;/type&gt;) brings b's JAR for \
                the platform Maven runs on; -Dnativelib.platform=&lt;classifier&gt; picks another, \
                -Dnativelib.platform=all every one. -->
                    <profile>
                      <id>nativelib-osx-aarch_64</id>
                      <activation>
                        <property>
                          <name>!nativelib.platform</name>
                        </property>
                        <os>
                          <family>mac</family>
                          <arch>aarch64</arch>
                        </os>
                      </activation>
                      <dependencies>
                        <dependency>
                          <groupId>g</groupId>
                          <artifactId>b</artifactId>
                          <version>1.0</version>
                          <classifier>osx-aarch_64</classifier>
                        </dependency>
                      </dependencies>
                    </profile>
                    <profile>
                      <id>nativelib-osx-aarch_64-selected</id>
                      <activation>
                        <property>
                          <name>nativelib.platform</name>
                          <value>osx-aarch_64</value>
                        </property>
                      </activation>
                      <dependencies>
                        <dependency>
                          <groupId>g</groupId>
                          <artifactId>b</artifactId>
                          <version>1.0</version>
                          <classifier>osx-aarch_64</classifier>
                        </dependency>
                      </dependencies>
                    </profile>
                    <profile>
                      <id>nativelib-all</id>
                      <activation>
                        <property>
                          <name>nativelib.platform</name>
                          <value>all</value>
                        </property>
                      </activation>
                      <dependencies>
                        <dependency>
                          <groupId>g</groupId>
                          <artifactId>b</artifactId>
                          <version>1.0</version>
                          <classifier>osx-aarch_64</classifier>
                        </dependency>
                      </dependencies>
                    </profile>
                  </profiles>
                </project>
                """);
        assertEquals(expected, out);
        assertEquals(out, PackagePom.withPlatformProfiles(pom, "b/pom.xml", B, List.of(Platform.parse("osx-aarch_64"))),
                "same input, same bytes");
    }

    @Test
    void theProjectsOwnProfilesStayAndOursFollowThem() {
        String pom = """
                <project>
                  <artifactId>b</artifactId>
                  <profiles>
                    <profile>
                      <id>assemble</id>
                    </profile>
                  </profiles>
                </project>
                """;
        String out = PackagePom.withPlatformProfiles(pom, "b/pom.xml", B, List.of(Platform.parse("linux-x86_64")));
        assertTrue(out.startsWith("""
                <?xml version="1.0" encoding="UTF-8"?>
                <project>
                  <artifactId>b</artifactId>
                  <profiles>
                    <profile>
                      <id>assemble</id>
                    </profile>
                    <!-- Added by nativelib:"""), out);
        assertTrue(out.endsWith("""
                      <id>nativelib-all</id>
                      <activation>
                        <property>
                          <name>nativelib.platform</name>
                          <value>all</value>
                        </property>
                      </activation>
                      <dependencies>
                        <dependency>
                          <groupId>g</groupId>
                          <artifactId>b</artifactId>
                          <version>1.0</version>
                          <classifier>linux-x86_64</classifier>
                        </dependency>
                      </dependencies>
                    </profile>
                  </profiles>
                </project>
                """), out);
        assertEquals(1, out.split("<profiles>", -1).length - 1, "one <profiles> element");
    }

    @Test
    void aProfileOfTheProjectWithOneOfOurIdsIsRefused() {
        String pom = "<project><profiles><profile><id> nativelib-linux-x86_64-amd64 </id></profile></profiles>"
                + "</project>";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackagePom.withPlatformProfiles(pom, "b/pom.xml", B, List.of(Platform.parse("linux-x86_64"))));
        assertEquals("b/pom.xml already has a profile with id 'nativelib-linux-x86_64-amd64', which nativelib adds to"
                + " the POM it deploys to pick the JAR for each platform; rename that profile (ids starting with"
                + " nativelib- are nativelib's)", e.getMessage());
    }

    @Test
    void notAPomIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackagePom.withPlatformProfiles("<settings/>", "b/pom.xml", B,
                        List.of(Platform.parse("linux-x86_64"))));
        assertEquals("b/pom.xml is not a POM: its root element is <settings>, not <project>", e.getMessage());
    }
}
