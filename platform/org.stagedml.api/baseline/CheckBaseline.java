import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails the build when bnd's baseline report suggests a higher version for an exported package
 * than the package has. bnd-baseline-maven-plugin itself never fails for 0.x versions (semantic
 * versioning's "initial development" rule), and every package here is 0.x; this check applies the
 * same rule bnd computes, whatever the major version.
 *
 * <p>Run by the API module's build (exec-maven-plugin, phase verify) as a single-file program:
 * {@code java CheckBaseline.java <report>}. The report's package rows are
 * {@code [*] name PACKAGE delta new old suggest ifProviders}; suggest is "ok" when the version is
 * high enough and "-" when nothing is suggested.
 */
public class CheckBaseline {
    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        if (!Files.isRegularFile(report)) {
            System.err.println("no baseline report at " + report + ": did bnd-baseline-maven-plugin run?");
            System.exit(2);
        }
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(report)) {
            String[] f = line.replace("*", " ").trim().split("\\s+");
            if (f.length >= 6 && f[1].equals("PACKAGE")) {
                String suggest = f[5];
                if (!suggest.equals("ok") && !suggest.equals("-")) {
                    problems.add("package " + f[0] + " changed (" + f[2] + ") since the baseline (version " + f[4]
                            + ") but its version is " + f[3] + (suggest.equals("null") ? ": it was removed, a major change"
                            : ": set @Version(\"" + suggest + "\") in its package-info.java"));
                }
            }
        }
        if (!problems.isEmpty()) {
            System.err.println("API versions need a bump (semantic versioning, checked against " + report + "):");
            problems.forEach(p -> System.err.println("  " + p));
            System.exit(1);
        }
        System.out.println("API package versions agree with the baseline (" + report.getFileName() + ")");
    }
}
