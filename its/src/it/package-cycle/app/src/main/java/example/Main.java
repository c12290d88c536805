package example;

import dev.nativelib.loader.NativeLoader;
import dev.nativelib.loader.NativeLoaderException;

public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try {
            System.out.println("unexpectedly loaded " + NativeLoader.load("x"));
        } catch (NativeLoaderException e) {
            System.out.println("ERROR >>>");
            System.out.println(e.getMessage());
            System.out.println("<<< ERROR");
        }
    }
}
