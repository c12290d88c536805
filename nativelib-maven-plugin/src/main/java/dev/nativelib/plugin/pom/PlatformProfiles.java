package dev.nativelib.plugin.pom;

import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.variant.Classifier;
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

    /** The suffix of {@code -Dnativelib.platform=<platform>-baseline}, which narrows to the baseline alone. */
    static final String BASELINE = "baseline";

    /** Profile ids start with this, so that they are recognisable in a POM that has profiles of its own. */
    static final String ID_PREFIX = "nativelib-";

    private PlatformProfiles() {
    }

    /**
     * @param classifiers the classifiers a package is released for, variants included
     * @return the ids of the profiles {@link #write} writes, in order
     */
    static List<String> ids(List<Classifier> classifiers) {
        List<String> ids = new ArrayList<>();
        visit(classifiers, (id, activation, value, jars) -> ids.add(id));
        return ids;
    }

    /**
     * Writes the {@code <profile>} elements (not the enclosing {@code <profiles>}). With hardware variants, a
     * platform's profiles bring its baseline and every variant, since the loader chooses at run time;
     * {@code -Dnativelib.platform=<platform>-<label>} brings the baseline and that one variant, and
     * {@code -Dnativelib.platform=<platform>-baseline} the baseline alone.
     *
     * @param xml           where to write
     * @param nativePackage the package whose classifier JARs the profiles depend on
     * @param classifiers   the classifiers it is released for, variants included
     */
    static void write(XmlWriter xml, Coordinates nativePackage, List<Classifier> classifiers) {
        visit(classifiers, (id, activation, value, jars) -> {
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
            for (Classifier c : jars) {
                nativePackage.withType("jar").withClassifier(c.name()).write(xml);
            }
            xml.close("dependencies").close("profile");
        });
    }

    private interface Visitor {
        /** Either {@code activation} or {@code value}, the property's value that selects the profile, is set. */
        void profile(String id, PlatformActivation.Activation activation, String value, List<Classifier> jars);
    }

    private static void visit(List<Classifier> classifiers, Visitor visitor) {
        // A glibc and a musl build of one OS and architecture share the OS profiles: Maven cannot tell the C
        // libraries apart (see PlatformActivation.of), the loader can, and it ignores the JAR it cannot use. So do
        // the variants of a platform: which one the machine runs is the loader's choice, made at run time.
        Map<String, List<Classifier>> byMachine = new LinkedHashMap<>();
        for (Classifier c : classifiers) {
            byMachine.computeIfAbsent(c.platform().os() + "-" + c.platform().arch(), k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<Classifier>> machine : byMachine.entrySet()) {
            List<Classifier> jars = machine.getValue();
            List<PlatformActivation.Activation> activations = PlatformActivation.of(jars.get(0).platform());
            for (PlatformActivation.Activation a : activations) {
                visitor.profile(ID_PREFIX + machine.getKey() + (activations.size() > 1 ? "-" + a.arch() : ""), a,
                        null, jars);
            }
            Map<Platform, List<Classifier>> byPlatform = new LinkedHashMap<>();
            jars.forEach(c -> byPlatform.computeIfAbsent(c.platform(), k -> new ArrayList<>()).add(c));
            for (Map.Entry<Platform, List<Classifier>> platform : byPlatform.entrySet()) {
                String name = platform.getKey().name();
                List<Classifier> own = platform.getValue();
                visitor.profile(ID_PREFIX + name + "-selected", null, name, own);
                List<Classifier> baseline = own.stream().filter(Classifier::baseline).toList();
                if (baseline.size() == own.size()) {
                    continue;
                }
                // Narrowing, for a deployment that knows its machines: one variant (with the baseline as the
                // fallback), or the baseline alone.
                for (Classifier c : own) {
                    if (!c.baseline()) {
                        List<Classifier> pair = new ArrayList<>(baseline);
                        pair.add(c);
                        visitor.profile(ID_PREFIX + c.name() + "-selected", null, c.name(), pair);
                    }
                }
                if (!baseline.isEmpty()) {
                    visitor.profile(ID_PREFIX + name + "-" + BASELINE + "-selected", null, name + "-" + BASELINE,
                            baseline);
                }
            }
        }
        visitor.profile(ID_PREFIX + PlatformPom.ALL, null, PlatformPom.ALL, classifiers);
    }
}
