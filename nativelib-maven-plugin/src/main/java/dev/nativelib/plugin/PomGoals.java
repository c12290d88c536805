package dev.nativelib.plugin;

import dev.nativelib.loader.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/** Parameter parsing shared by the goals that generate POMs. */
final class PomGoals {

    private PomGoals() {
    }

    static List<Platform> platforms(List<String> names) throws MojoExecutionException {
        if (names == null || names.isEmpty()) {
            throw new MojoExecutionException("<platforms> is empty; list the classifiers the packages are released"
                    + " for, e.g. <platforms><platform>linux-x86_64</platform></platforms>");
        }
        List<Platform> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(Platform.parse(n.trim()));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<platforms>: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
