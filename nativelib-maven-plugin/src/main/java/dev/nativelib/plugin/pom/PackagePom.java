package dev.nativelib.plugin.pom;

import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.variant.Classifier;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The POM a native package installs and deploys: the project's own POM as it is written (parent, licenses, SCM,
 * comments and all), with profiles added that bring the package's classifier JAR for the platform of whichever build
 * depends on it. A consumer then names the package once ({@code <type>pom</type>}) and gets its JAR, and, through
 * the package's own dependencies on the POMs of the packages it requires, theirs too, transitively.
 *
 * <p>The profiles exist only in the written POM, never in the one the package is built from: there they would make
 * the project depend on its own artifact.
 */
public final class PackagePom {

    private PackagePom() {
    }

    /**
     * @param pom           the text of the project's POM
     * @param source        where that POM is, for messages
     * @param nativePackage the package's coordinates
     * @param platforms     the classifiers its JARs are released for
     * @return the POM with the platform profiles added to its {@code <profiles>}: same input, same bytes
     * @throws IllegalArgumentException if the POM cannot be parsed, is not a POM, or already has a profile with the
     *                                  id of one to add
     */
    public static String withPlatformProfiles(String pom, String source, Coordinates nativePackage,
                                              List<Platform> platforms) {
        return withClassifierProfiles(pom, source, nativePackage,
                platforms.stream().map(p -> new Classifier(p, null)).toList());
    }

    /**
     * As {@link #withPlatformProfiles}, for a package released with hardware variants: a platform's profiles bring
     * its baseline and every variant, and {@code -Dnativelib.platform=<platform>-<label>} narrows to one.
     *
     * @param pom           the text of the project's POM
     * @param source        where that POM is, for messages
     * @param nativePackage the package's coordinates
     * @param classifiers   the classifiers its JARs are released for, variants included
     * @return the POM with the platform profiles added to its {@code <profiles>}: same input, same bytes
     * @throws IllegalArgumentException if the POM cannot be parsed, is not a POM, or already has a profile with the
     *                                  id of one to add
     */
    public static String withClassifierProfiles(String pom, String source, Coordinates nativePackage,
                                                List<Classifier> classifiers) {
        Document doc = parse(pom, source);
        Element project = doc.getDocumentElement();
        if (!"project".equals(project.getLocalName())) {
            throw new IllegalArgumentException(source + " is not a POM: its root element is <"
                    + project.getTagName() + ">, not <project>");
        }
        String ns = project.getNamespaceURI();
        Element profiles = child(project, "profiles");
        if (profiles != null) {
            refuseClashes(profiles, classifiers, source);
        } else {
            profiles = doc.createElementNS(ns, "profiles");
            profiles.appendChild(doc.createTextNode("\n  "));
            Node end = trailingWhitespace(project);
            project.insertBefore(doc.createTextNode("\n  "), end);
            project.insertBefore(profiles, end);
        }
        XmlWriter fragment = new XmlWriter(2);
        fragment.comment("Added by nativelib: depending on this POM (<type>pom</type>) brings "
                + nativePackage.artifactId() + "'s JAR for the platform Maven runs on; -D" + PlatformPom.PROPERTY
                + "=<classifier> picks another, -D" + PlatformPom.PROPERTY + "=" + PlatformPom.ALL + " every one.");
        PlatformProfiles.write(fragment, nativePackage, classifiers);
        String wrapper = "<w" + (ns == null ? "" : " xmlns=\"" + ns + "\"") + ">\n" + fragment.toString().stripTrailing()
                + "</w>";
        Node end = trailingWhitespace(profiles);
        for (Node n = parse(wrapper, "the generated profiles").getDocumentElement().getFirstChild(); n != null;
                n = n.getNextSibling()) {
            profiles.insertBefore(doc.importNode(n, true), end);
        }
        return serialize(doc);
    }

    private static void refuseClashes(Element profiles, List<Classifier> classifiers, String source) {
        Set<String> ours = new HashSet<>(PlatformProfiles.ids(classifiers));
        for (Node n = profiles.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element profile && "profile".equals(profile.getLocalName())) {
                Element id = child(profile, "id");
                String text = id == null ? null : id.getTextContent().trim();
                if (ours.contains(text)) {
                    throw new IllegalArgumentException(source + " already has a profile with id '" + text + "', which"
                            + " nativelib adds to the POM it deploys to pick the JAR for each platform; rename that"
                            + " profile (ids starting with " + PlatformProfiles.ID_PREFIX + " are nativelib's)");
                }
            }
        }
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** The white space before an element's end tag, to insert in front of so the end tag keeps its indentation. */
    private static Node trailingWhitespace(Element e) {
        Node last = e.getLastChild();
        return last != null && last.getNodeType() == Node.TEXT_NODE && last.getNodeValue().isBlank() ? last : null;
    }

    private static Document parse(String xml, String source) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // A POM has no business declaring a DTD; refusing one also rules out external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("Cannot parse " + source + ": " + e.getMessage(), e);
        }
    }

    private static String serialize(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            // The declaration is written here: the JDK's serializer puts no line end after its own.
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            String text = out.toString().replace("\r\n", "\n");
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text + (text.endsWith("\n") ? "" : "\n");
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot write a POM: " + e.getMessage(), e);
        }
    }
}
