package org.plenigo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the examples of the README true: the first {@code java} code block under the headings
 * {@value #HEADING} and {@value #ACCESS_HEADING} must compile against the library, run, and print
 * exactly the lines its comments show.
 */
class ReadmeExampleTest {
    static final String HEADING = "## Embedding plenigo";
    static final String ACCESS_HEADING = "## Access checks";
    private static final Pattern CLASS_NAME = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");

    @TempDir
    Path work;

    @Test
    void embeddingExamplePrintsTheBalanceItPromises() throws Exception {
        assertPrintsAsCommented(HEADING, "balance after article:4711: 4");
    }

    @Test
    void accessExamplePrintsTheDecisionsItPromises() throws Exception {
        assertPrintsAsCommented(ACCESS_HEADING,
                "SUBSCRIPTION",
                "NO_ACCESS_RIGHT [premium-monthly]",
                "METERED_FREE_VIEW, 2 left until 2025-03-31T22:00:00Z");
    }

    /** The example prints exactly {@code lines}, and the README shows each of them in a comment. */
    private void assertPrintsAsCommented(String heading, String... lines) throws Exception {
        String source = example(Files.readString(readme(), StandardCharsets.UTF_8), heading);
        assertThat(source).as("the README example shows what it prints").contains(
                Arrays.stream(lines).map(line -> "// " + line + "\n").toArray(String[]::new));
        assertThat(compileAndRun(source).lines()).as("output of the example under '%s'", heading)
                .containsExactly(lines);
    }

    private String compileAndRun(String source) throws Exception {
        Matcher name = CLASS_NAME.matcher(source);
        assertThat(name.find()).as("the README example declares a public class").isTrue();
        String className = name.group(1);
        assertThat(source).as("the README example is in the default package").doesNotContain("package ");

        compile(className, source);
        return runMain(className);
    }

    static Path readme() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path readme = module.resolve("../README.md").normalize();
        if (!Files.exists(readme)) {
            readme = Path.of("README.md").toAbsolutePath();
        }
        assertThat(readme).as("README.md of the repository").exists();
        return readme;
    }

    /** The first {@code ```java} block after {@code title}, before the next heading of the same level. */
    static String example(String readme, String title) {
        int heading = readme.indexOf("\n" + title + "\n");
        assertThat(heading).as("README has a section '%s'", title).isNotNegative();
        int nextSection = readme.indexOf("\n## ", heading + 1);
        String section = readme.substring(heading, nextSection < 0 ? readme.length() : nextSection);
        Matcher block = Pattern.compile("\n```java\n(.*?)\n```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("section '%s' has a ```java code block", title).isTrue();
        return block.group(1) + "\n";
    }

    private void compile(String className, String source) throws IOException {
        Path file = work.resolve("src").resolve(className + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Files.createDirectories(work.resolve("classes"));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK (not a JRE) runs the tests").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", work.resolve("classes").toString(), "-proc:none", "-Xlint:all");
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjects(file)).call();
            if (!compiled) {
                StringBuilder message = new StringBuilder("the README example does not compile:\n");
                diagnostics.getDiagnostics().forEach(d -> message.append("  line ").append(d.getLineNumber())
                        .append(": ").append(d.getMessage(Locale.ROOT)).append('\n'));
                fail(message.toString());
            }
        }
    }

    private String runMain(String className) throws Exception {
        URL classes = work.resolve("classes").toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, getClass().getClassLoader())) {
            Method main;
            try {
                main = loader.loadClass(className).getMethod("main", String[].class);
            } catch (NoSuchMethodException e) {
                return "(no main method)";
            }
            assertThat(Modifier.isStatic(main.getModifiers())).as("main is static").isTrue();
            String printed = Console.output(() -> main.invoke(null, (Object) new String[0]));
            System.out.print(printed);
            return printed;
        }
    }
}
