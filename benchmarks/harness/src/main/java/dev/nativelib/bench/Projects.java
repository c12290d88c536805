package dev.nativelib.bench;

import java.nio.file.Path;

/** The throw-away Maven projects the cold-load and packaging benchmarks build. */
final class Projects {

    private static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>dev.nativelib.benchmarks</groupId>
            """;

    private static final String TIMESTAMP = """
              <properties>
                <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
              </properties>
            """;

    private Projects() {
    }

    private static String version() {
        return System.getProperty("bench.version");
    }

    /** One ~200 MB library packaged twice by the plugin: deflated (the default) and stored. */
    static String bigPackage(Path prefix) {
        return HEAD + """
                  <artifactId>big</artifactId>
                  <version>1.0.0</version>
                  <packaging>pom</packaging>
                """ + TIMESTAMP + """
                  <build>
                    <plugins>
                """ + nativelibPlugin(prefix, """
                        <executions>
                          <execution>
                            <id>deflated</id>
                            <goals><goal>package</goal></goals>
                          </execution>
                          <execution>
                            <id>stored</id>
                            <goals><goal>package</goal></goals>
                            <configuration>
                              <classifier>stored</classifier>
                              <storeLibraries>true</storeLibraries>
                            </configuration>
                          </execution>
                        </executions>
                """) + """
                    </plugins>
                  </build>
                </project>
                """;
    }

    /** nativelib:package of the ~1 GB prefix (the goal alone, as the jar:jar run is). */
    static String gigabyteNativelib(Path prefix) {
        return HEAD + """
                  <artifactId>gigabyte</artifactId>
                  <version>1.0.0</version>
                  <packaging>pom</packaging>
                """ + TIMESTAMP + """
                  <build>
                    <directory>${project.basedir}/target-nativelib</directory>
                    <plugins>
                """ + nativelibPlugin(prefix, "") + """
                    </plugins>
                  </build>
                </project>
                """;
    }

    /** The plugin configured for an install prefix on linux-x86_64, with {@code executions} (XML) inside. */
    private static String nativelibPlugin(Path prefix, String executions) {
        return """
                      <plugin>
                        <groupId>dev.nativelib</groupId>
                        <artifactId>nativelib-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <installPrefix>%s</installPrefix>
                          <platform>linux-x86_64</platform>
                        </configuration>
                %s      </plugin>
                """.formatted(version(), prefix, executions);
    }

    /** maven-jar-plugin packaging the same directory. */
    static String gigabyteJar(Path prefix) {
        return HEAD + """
                  <artifactId>gigabyte</artifactId>
                  <version>1.0.0</version>
                """ + TIMESTAMP + """
                  <build>
                    <directory>${project.basedir}/target-jar</directory>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-jar-plugin</artifactId>
                        <version>3.4.2</version>
                        <configuration>
                          <classesDirectory>%s</classesDirectory>
                          <forceCreation>true</forceCreation>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(prefix);
    }
}
