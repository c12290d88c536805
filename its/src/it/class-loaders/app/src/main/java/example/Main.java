package example;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/** Puts nativelib-loader and the native package in a parent class loader and the JNI classes in children. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<URL> shared = new ArrayList<>();
        URL classes = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            URL url = new File(entry).toURI().toURL();
            if (entry.contains("nativelib-loader") || entry.contains("hello-native")) {
                shared.add(url);
            } else if (entry.endsWith("classes") || entry.endsWith("classes/")) {
                classes = url;
            }
        }
        ClassLoader parent = new URLClassLoader(shared.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        for (String child : new String[] {"first", "second"}) {
            ClassLoader loader = new URLClassLoader(new URL[] {classes}, parent);
            Object value = Class.forName("example.Hello", true, loader).getMethod("value").invoke(null);
            System.out.println("[" + child + " child] Hello.value()=" + value);
        }
        ClassLoader plain = new URLClassLoader(new URL[] {classes}, parent);
        try {
            Class.forName("example.HelloPlain", true, plain).getMethod("value").invoke(null);
            System.out.println("[plain] unexpectedly worked");
        } catch (java.lang.reflect.InvocationTargetException e) {
            System.out.println("[plain] " + e.getCause());
        }
    }
}
