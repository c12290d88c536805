package example;

import dev.nativelib.loader.NativeLoader;

public final class Local {

    private Local() {
    }

    public static void main(String[] args) {
        System.out.println("[" + args[0] + "] loaded " + NativeLoader.load("provider-local-native").path().getFileName());
    }
}
