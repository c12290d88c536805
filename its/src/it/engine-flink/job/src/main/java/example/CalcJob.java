package example;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The job: 1..8 spread over two parallel subtasks that each load the JNI library and compute f(x). Arguments: a tag
 * naming the job in the output, {@code nativelib} or {@code plain}, {@code hold} (keep running until cancelled) or
 * {@code finish}, a directory for progress markers, the directories of libscale and libcalcjni for plain loading.
 */
public final class CalcJob {

    private CalcJob() {
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<String> results = env.fromSequence(1, 8).rebalance()
                .flatMap(new CalcFunction(args[0], "plain".equals(args[1]), args[3], args[4], args[5]));
        if ("hold".equals(args[2])) {
            // Parallelism 1 keeps it out of the computing subtasks' chain: they finish their elements, this waits.
            results = results.map(new Hold()).setParallelism(1);
        }
        results.sinkTo(new DiscardingSink<>());
        env.execute(args[0]);
    }
}
