import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.util.SerializedThrowable;

/**
 * Starts a Flink MiniCluster in this JVM and submits the job JAR as separate jobs, as `flink run` would: the job JAR
 * and its dependencies (nativelib-loader, the native packages) are the job's user JARs and class path, not this
 * JVM's class path, so every job gets its own child-first user-code class loader. Run as a source-file program so
 * that the job's classes are nowhere on the class path. Arguments: the job JAR, the job's other JARs (path
 * separated), a directory for progress markers, the directories of libscale and libcalcjni for plain loading.
 */
public final class FlinkHarness {

    private static final long TIMEOUT_SECONDS = 180;

    private final MiniCluster cluster;
    private final Configuration configuration;
    private final File jobJar;
    private final List<URL> classPath = new ArrayList<>();
    private final Path markers;
    private final String scaleDir;
    private final String calcDir;

    private FlinkHarness(MiniCluster cluster, Configuration configuration, String[] args) throws Exception {
        this.cluster = cluster;
        this.configuration = configuration;
        this.jobJar = new File(args[0]);
        for (String entry : args[1].split(File.pathSeparator)) {
            classPath.add(new File(entry).toURI().toURL());
        }
        this.markers = Paths.get(args[2]);
        this.scaleDir = args[3];
        this.calcDir = args[4];
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("dev.nativelib.loader.NativeLoader");
            throw new IllegalStateException("nativelib-loader is on the harness's class path; the jobs must bring it");
        } catch (ClassNotFoundException expected) {
            System.out.println("[harness] nativelib-loader is not on the harness's class path");
        }
        Configuration configuration = new Configuration();
        // A failed job fails for good: the plain System.load failure is reported, not retried.
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        MiniClusterConfiguration mini = new MiniClusterConfiguration.Builder().setConfiguration(configuration)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(8).build();
        try (MiniCluster cluster = new MiniCluster(mini)) {
            cluster.start();
            new FlinkHarness(cluster, configuration, args).run();
        }
        System.out.println("[harness] done");
        // Flink's non-daemon threads may linger after the cluster closed.
        System.exit(0);
    }

    private void run() throws Exception {
        // nativelib: a first job keeps running while a second one loads the same package; then a third after the
        // first was cancelled.
        JobID first = submit("nativelib-1", "nativelib", "hold");
        awaitResults("nativelib-1");
        report("nativelib-2", submit("nativelib-2", "nativelib", "finish"));
        cluster.cancelJob(first).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        report("nativelib-1", first);
        report("nativelib-3", submit("nativelib-3", "nativelib", "finish"));
        // The same library with System.load: the second job, in another class loader, cannot load it.
        JobID plain = submit("plain-1", "plain", "hold");
        awaitResults("plain-1");
        report("plain-2", submit("plain-2", "plain", "finish"));
        cluster.cancelJob(plain).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        report("plain-1", plain);
    }

    private JobID submit(String tag, String mode, String hold) throws Exception {
        PackagedProgram program = PackagedProgram.newBuilder().setJarFile(jobJar).setUserClassPaths(classPath)
                .setEntryPointClassName("example.CalcJob").setConfiguration(configuration)
                .setArguments(tag, mode, hold, markers.toString(), scaleDir, calcDir).build();
        try {
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, configuration, 2, false);
            JobID id = cluster.submitJob(graph).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getJobID();
            System.out.println("[harness] submitted " + tag + " with user JARs " + graph.getUserJars().size()
                    + " and class path " + graph.getClasspaths().size());
            return id;
        } finally {
            program.close();
        }
    }

    /** Waits until the job has computed all eight elements (each leaves a marker file). */
    private void awaitResults(String tag) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            int done = 0;
            for (int x = 1; x <= 8; x++) {
                done += Files.exists(markers.resolve(tag + "-" + x)) ? 1 : 0;
            }
            if (done == 8) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(tag + " computed " + done + " of 8 elements in " + TIMEOUT_SECONDS
                        + " s");
            }
            Thread.sleep(50);
        }
    }

    private void report(String tag, JobID id) throws Exception {
        JobResult result = cluster.requestJobResult(id).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        System.out.println("[harness] " + tag + ": " + result.getJobStatus().map(Object::toString).orElse("?"));
        if (result.getSerializedThrowable().isPresent()) {
            for (Throwable t = result.getSerializedThrowable().get(); t != null; t = t.getCause()) {
                // A SerializedThrowable's message is the original's toString(): class name and message.
                System.out.println("[harness] " + tag + " failed: "
                        + (t instanceof SerializedThrowable ? t.getMessage() : t.toString()));
            }
        }
    }
}
