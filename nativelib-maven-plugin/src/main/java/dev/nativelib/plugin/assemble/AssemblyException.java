package dev.nativelib.plugin.assemble;

import java.util.List;

/** The JARs offered for a release do not make a complete, consistent release; the message lists every problem. */
public final class AssemblyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Every problem found, one message each. */
    private final List<String> problems;

    /**
     * @param what     what could not be assembled, e.g. {@code dev.example:greet:1.0 from /ci/platforms}
     * @param problems every problem found, one message each
     */
    public AssemblyException(String what, List<String> problems) {
        super("Cannot assemble " + what + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, one message each */
    public List<String> problems() {
        return problems;
    }
}
