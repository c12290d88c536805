package dev.nativelib.plugin.pom;

import dev.nativelib.loader.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profiles that make a POM bring a native package's JAR for the platform of the build that reads it: one per
 * operating system and raw {@code os.arch} value (activated unless {@value PlatformPom#PROPERTY} is set), one per
 * platform for {@code -Dnativelib.platform=<classifier>}, and one for {@code -Dnativelib.platform=all}. Maven
 * evaluates them in the POMs of dependencies against the consuming build's JVM and properties, so the classifier is
 * chosen where the artifact is used, never where the POM was written.
 */
final class PlatformProfiles {

    /** Profile ids start with this, so that they are recognisable in a POM that has profiles of its own. */
    static final String ID_PREFIX = "nativelib-";

    private PlatformProfiles() {
    }

    /**
     * @param platforms the classifiers a package is released for
     * @return the ids of the profiles {@link #write} writes, in order
     */
    static List<String> ids(List<Platform> platforms) {
        List<String> ids = new ArrayList<>();
        visit(platforms, (id, activation, value, jars) -> ids.add(id));
        return ids;
    }

    /**
     * Writes the {@code <profile>} elements (not the enclosing {@code <profiles>}).
     *
     * @param xml           where to write
     * @param nativePackage the package whose classifier JARs the profiles depend on
     * @param platforms     the classifiers it is released for
     */
    static void write(XmlWriter xml, Coordinates nativePackage, List<Platform> platforms) {
        visit(platforms, (id, activation, value, jars) -> {
            xml.open("profile").element("id", id).open("activation");
            if (activation == null) {
                xml.open("property").element("name", PlatformPom.PROPERTY).element("value", value)
                        .close("property");
            } else {
                xml.open("property").element("name", "!" + PlatformPom.PROPERTY).close("property")
                        .open("os").element("name", activation.osName()).element("family", activation.osFamily())
                        .element("arch", activation.arch()).close("os");
            }
            xml.close("activation").open("dependencies");
            for (Platform p : jars) {
                nativePackage.withType("jar").withClassifier(p.name()).write(xml);
            }
            xml.close("dependencies").close("profile");
        });
    }

    private interface Visitor {
        /** Either {@code activation} or {@code value}, the property's value that selects the profile, is set. */
        void profile(String id, PlatformActivation.Activation activation, String value, List<Platform> jars);
    }

    private static void visit(List<Platform> platforms, Visitor visitor) {
        // A glibc and a musl build of one OS and architecture share the OS profiles: Maven cannot tell the C
        // libraries apart (see PlatformActivation.of), the loader can, and it ignores the JAR it cannot use.
        Map<String, List<Platform>> byMachine = new LinkedHashMap<>();
        for (Platform p : platforms) {
            byMachine.computeIfAbsent(p.os() + "-" + p.arch(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, List<Platform>> machine : byMachine.entrySet()) {
            List<Platform> jars = machine.getValue();
            List<PlatformActivation.Activation> activations = PlatformActivation.of(jars.get(0));
            for (PlatformActivation.Activation a : activations) {
                visitor.profile(ID_PREFIX + machine.getKey() + (activations.size() > 1 ? "-" + a.arch() : ""), a,
                        null, jars);
            }
            for (Platform p : jars) {
                visitor.profile(ID_PREFIX + p.name() + "-selected", null, p.name(), List.of(p));
            }
        }
        visitor.profile(ID_PREFIX + PlatformPom.ALL, null, PlatformPom.ALL, platforms);
    }
}
