package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public final class Main {

    public static void main(String[] args) throws Exception {
        // START SNIPPET: use-greeter
        System.out.println("greeting: " + Greeter.greet("Maven"));
        System.out.println("loaded: " + Greeter.LIBRARY);
        // Dependencies first: libgreet (package greet-native), then libgreeting and the binding.
        for (Path p : Greeter.LIBRARY.loaded()) {
            System.out.println("mapped: " + p.getFileName() + " <- " + p);
        }
        // END SNIPPET: use-greeter

        // Idempotent and thread-safe: concurrent calls all see the first call's result.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<LoadedLibrary>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(pool.submit((Callable<LoadedLibrary>) () -> NativeLoader.load("greetingjni")));
        }
        boolean same = true;
        for (Future<LoadedLibrary> f : results) {
            same &= f.get().equals(Greeter.LIBRARY);
        }
        pool.shutdown();
        System.out.println("repeated loads identical: " + same);

        // The plain library can be asked for by its own name.
        System.out.println("greet is: " + NativeLoader.load("greet").path().getFileName());
    }
}
