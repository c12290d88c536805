package example;

import dev.nativelib.loader.LoadedLibrary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.FlatMapFunction;

/** One task: waits until four tasks run, then all four load the package at once and compute f(x) natively. */
public final class Compute implements FlatMapFunction<Iterator<Integer>, String> {

    private static final long serialVersionUID = 1L;
    /** Shared by the tasks of this executor: they run in one JVM, with this class from one class loader. */
    private static final CountDownLatch FOUR_RUNNING = new CountDownLatch(4);

    private final String run;

    Compute(String run) {
        this.run = run;
    }

    @Override
    public Iterator<String> call(Iterator<Integer> partition) throws Exception {
        FOUR_RUNNING.countDown();
        boolean together = FOUR_RUNNING.await(60, TimeUnit.SECONDS);
        LoadedLibrary loaded = NativeCalc.load();
        List<String> lines = new ArrayList<>();
        while (partition.hasNext()) {
            int x = partition.next();
            System.out.println("[" + run + " task " + Thread.currentThread().getName() + "] f(" + x + ") with " + loaded.path()
                    + (together ? " (four tasks running)" : " (fewer than four tasks ran)") + ", class loader "
                    + getClass().getClassLoader().getClass().getName() + ", nativelib-loader from the same loader: "
                    + (dev.nativelib.loader.NativeLoader.class.getClassLoader() == getClass().getClassLoader()));
            lines.add("f(" + x + ")=" + NativeCalc.compute(x));
        }
        return lines.iterator();
    }
}
