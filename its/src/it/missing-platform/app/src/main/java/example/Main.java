package example;

import dev.nativelib.loader.NativeLoader;
import dev.nativelib.loader.NativeLoaderException;

public final class Main {

    public static void main(String[] args) {
        report("greet");
        report("nosuchlib");
    }

    private static void report(String name) {
        try {
            System.out.println("unexpectedly loaded " + NativeLoader.load(name));
        } catch (NativeLoaderException e) {
            System.out.println("ERROR " + name + " >>>");
            System.out.println(e.getMessage());
            System.out.println("<<< ERROR " + name);
        }
    }
}
