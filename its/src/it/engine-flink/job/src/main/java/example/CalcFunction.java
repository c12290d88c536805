package example;

import dev.nativelib.loader.NativeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/** Loads the JNI library when a subtask opens, then computes f(x) = 3x + 1 natively for each element. */
public final class CalcFunction extends RichFlatMapFunction<Long, String> {

    private static final long serialVersionUID = 1L;

    private final String tag;
    private final boolean plain;
    private final String markers;
    private final String scaleDir;
    private final String calcDir;
    private transient int subtask;

    CalcFunction(String tag, boolean plain, String markers, String scaleDir, String calcDir) {
        this.tag = tag;
        this.plain = plain;
        this.markers = markers;
        this.scaleDir = scaleDir;
        this.calcDir = calcDir;
    }

    @Override
    public void open(OpenContext context) {
        subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int subtasks = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        ClassLoader loader = getClass().getClassLoader();
        String where;
        if (plain) {
            PlainCalc.load(scaleDir, calcDir);
            where = "System.load " + calcDir + "/libcalcjni.so";
        } else {
            where = "nativelib " + NativeCalc.LOADED.path();
        }
        System.out.println("[" + tag + " subtask " + subtask + "/" + subtasks + "] loaded by " + where
                + " in " + loader.getClass().getSimpleName()
                + ", nativelib-loader from the same loader: " + (NativeLoader.class.getClassLoader() == loader));
    }

    @Override
    public void flatMap(Long x, Collector<String> out) throws Exception {
        int value = Math.toIntExact(x);
        int result = plain ? PlainCalc.compute(value) : NativeCalc.compute(value);
        String line = "[" + tag + "] f(" + value + ")=" + result;
        System.out.println(line + " on subtask " + subtask);
        Path dir = Paths.get(markers);
        Files.createDirectories(dir);
        Files.createFile(dir.resolve(tag + "-" + value));
        out.collect(line);
    }
}
