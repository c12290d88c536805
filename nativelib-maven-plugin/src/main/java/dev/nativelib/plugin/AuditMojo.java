package dev.nativelib.plugin;

import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.packaging.PreparedPackage;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Checks the libraries of an install prefix against nativelib's packaging rules without packaging them: architecture
 * matches the platform, SONAME present, no absolute or escaping run paths, every needed library provided by the
 * package, a declared native dependency or the base system, glibc and the C++ runtime no newer than the floor or
 * {@code auditPolicy}. Logs what each library needs and what provides it, and writes the report as JSON to
 * {@code target/nativelib-audit-<platform>.json}. {@code package} runs the same checks.
 */
@Mojo(name = "audit", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class AuditMojo extends AbstractNativeMojo {

    /** Skips the audit. */
    @Parameter(property = "nativelib.audit.skip", defaultValue = "false")
    private boolean skip;

    /**
     * @param repositorySystem Maven Resolver, which fetches the classifier JARs of native dependencies
     */
    @Inject
    public AuditMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping nativelib:audit (nativelib.audit.skip=true)");
            return;
        }
        Platform target = targetPlatform();
        PreparedPackage prepared = prepare(target, Path.of(project.getBuild().getDirectory(), "audit-only.jar"));
        prepared.rewrites().forEach(r -> getLog().info("Audited as rewritten: " + r));
        audit(prepared);
    }
}
