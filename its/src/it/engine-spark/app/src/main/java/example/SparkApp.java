package example;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark application: eight partitions over four local threads, each task loading the JNI package itself. Its
 * argument names the run in the output.
 */
public final class SparkApp {

    /** Held: java.util.logging keeps loggers weakly, and its level would be lost with it. */
    private static final Logger NATIVELIB_LOG = Logger.getLogger("dev.nativelib.loader");

    private SparkApp() {
    }

    public static void main(String[] args) {
        // nativelib-loader logs through System.Logger, which is java.util.logging here: its debug lines (with
        // -Dnativelib.log=debug) go to standard output, where the test counts the extractions.
        NATIVELIB_LOG.setLevel(Level.FINE);
        NATIVELIB_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                System.out.println("[nativelib] " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        String run = args[0];
        ClassLoader loader = SparkApp.class.getClassLoader();
        System.out.println("[" + run + " driver] SparkApp in " + loader.getClass().getName()
                + ", the application class loader: " + (loader == ClassLoader.getSystemClassLoader()));
        SparkSession spark = SparkSession.builder().appName("nativelib-engine-spark").getOrCreate();
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            System.out.println("[" + run + " driver] master " + sc.master());
            List<Integer> xs = IntStream.range(0, 8).boxed().collect(Collectors.toList());
            List<String> results = sc.parallelize(xs, 8).mapPartitions(new Compute(run)).collect();
            System.out.println("[" + run + " driver] results " + results);
        } finally {
            spark.stop();
        }
    }
}
