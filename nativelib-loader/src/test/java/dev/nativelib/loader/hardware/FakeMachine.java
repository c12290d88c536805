package dev.nativelib.loader.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A machine made of recorded files and given settings, for {@link HardwareDetector}. */
final class FakeMachine implements HardwareDetector.Sources {

    final Map<String, byte[]> files = new HashMap<>();
    final Map<String, String> properties = new HashMap<>();
    final Map<String, String> variables = new HashMap<>();

    /** @return the bytes of a recorded sample, e.g. {@code cpuinfo/linux-rhel7-haswell} */
    static byte[] resource(String name) {
        try (InputStream in = FakeMachine.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeMachine file(String path, byte[] bytes) {
        files.put(path, bytes);
        return this;
    }

    FakeMachine file(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    FakeMachine cpuinfo(String sample) {
        return file("/proc/cpuinfo", resource("cpuinfo/" + sample));
    }

    FakeMachine nvidia(String sample) {
        return file("/proc/driver/nvidia/version", resource("nvidia/" + sample));
    }

    FakeMachine property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    FakeMachine variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** An auxiliary vector as a 64-bit little-endian kernel writes it: (type, value) pairs ending with AT_NULL. */
    static byte[] auxv(long hwcap, long hwcap2) {
        ByteBuffer b = ByteBuffer.allocate(16 * 5).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(6).putLong(4096); // AT_PAGESZ
        b.putLong(Aarch64Features.AT_HWCAP).putLong(hwcap);
        b.putLong(Aarch64Features.AT_HWCAP2).putLong(hwcap2);
        b.putLong(17).putLong(100); // AT_CLKTCK
        b.putLong(0).putLong(0);
        return b.array();
    }

    @Override
    public byte[] read(String path, int limit) {
        byte[] b = files.get(path);
        return b == null ? null : Arrays.copyOf(b, Math.min(limit, b.length));
    }

    @Override
    public String property(String name) {
        return properties.get(name);
    }

    @Override
    public String variable(String name) {
        return variables.get(name);
    }
}
