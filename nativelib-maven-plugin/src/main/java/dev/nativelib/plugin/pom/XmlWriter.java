package dev.nativelib.plugin.pom;

/**
 * Writes indented XML elements in the order they are given, with {@code \n} line ends whatever the platform, so that
 * the same input always gives the same bytes (generated POMs are deployed and must be reproducible).
 */
final class XmlWriter {

    private final StringBuilder out;
    private int depth;

    /** A document: the XML declaration, then elements from the left margin. */
    XmlWriter() {
        this(0);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** A fragment to insert into a document: no declaration, elements indented {@code depth} levels. */
    XmlWriter(int depth) {
        this.out = new StringBuilder();
        this.depth = depth;
    }

    XmlWriter comment(String text) {
        indent().append("<!-- ").append(escape(text).replace("--", "- -")).append(" -->\n");
        return this;
    }

    XmlWriter open(String name) {
        indent().append('<').append(name).append(">\n");
        depth++;
        return this;
    }

    /** Opens the root element with attributes given as name, value pairs. */
    XmlWriter openRoot(String name, String... attributes) {
        indent().append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(i == 0 ? " " : "\n    ").append(attributes[i]).append("=\"").append(escape(attributes[i + 1]))
                    .append('"');
        }
        out.append(">\n");
        depth++;
        return this;
    }

    /** Opens a POM's {@code <project>} element with the POM 4.0.0 namespace and schema. */
    XmlWriter openProject() {
        return openRoot("project", "xmlns", "http://maven.apache.org/POM/4.0.0",
                "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
                "xsi:schemaLocation", "http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd");
    }

    XmlWriter close(String name) {
        depth--;
        indent().append("</").append(name).append(">\n");
        return this;
    }

    /** Writes {@code <name>value</name>}; nothing when {@code value} is {@code null}. */
    XmlWriter element(String name, String value) {
        if (value != null) {
            indent().append('<').append(name).append('>').append(escape(value)).append("</").append(name)
                    .append(">\n");
        }
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private StringBuilder indent() {
        return out.append("  ".repeat(depth));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
