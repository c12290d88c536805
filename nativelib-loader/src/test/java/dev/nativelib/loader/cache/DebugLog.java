package dev.nativelib.loader.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the loader says at debug level, captured through its {@code System.Logger} (java.util.logging underneath):
 * how tests observe decisions such as "hashed the libraries" without counters in production code.
 */
final class DebugLog implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger("dev.nativelib.loader");
    private final List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            messages.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Level level = LOGGER.getLevel();

    /** Starts capturing: {@code -Dnativelib.log=debug}, and a handler on the loader's logger. */
    DebugLog() {
        System.setProperty("nativelib.log", "debug");
        handler.setLevel(Level.ALL);
        LOGGER.setLevel(Level.ALL);
        LOGGER.setUseParentHandlers(false);
        LOGGER.addHandler(handler);
    }

    /** @return how many messages so far start with {@code prefix} */
    int count(String prefix) {
        synchronized (messages) {
            int n = 0;
            for (String m : messages) {
                if (m.startsWith(prefix)) {
                    n++;
                }
            }
            return n;
        }
    }

    @Override
    public void close() {
        LOGGER.removeHandler(handler);
        LOGGER.setLevel(level);
        LOGGER.setUseParentHandlers(true);
        System.clearProperty("nativelib.log");
    }
}
