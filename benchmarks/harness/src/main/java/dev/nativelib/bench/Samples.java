package dev.nativelib.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one variant, in milliseconds; summarised by median and spread, never by mean. */
final class Samples {

    private final String name;
    private final List<Double> millis = new ArrayList<>();

    Samples(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void add(double ms) {
        millis.add(ms);
    }

    int count() {
        return millis.size();
    }

    double median() {
        return percentile(50);
    }

    /** Nearest-rank percentile. */
    double percentile(int p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
