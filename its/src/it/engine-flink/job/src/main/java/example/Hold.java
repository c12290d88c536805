package example;

import org.apache.flink.api.common.functions.MapFunction;

/** Keeps a job running, after its results, until it is cancelled (cancelling interrupts the task). */
public final class Hold implements MapFunction<String, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String map(String line) throws InterruptedException {
        while (true) {
            Thread.sleep(60_000);
        }
    }
}
