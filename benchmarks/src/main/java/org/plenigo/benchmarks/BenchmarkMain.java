package org.plenigo.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks of BENCHMARKS.md. Arguments: what to run ({@code all}, the default, or
 * {@code consume}, {@code profile}, {@code topup}), then for {@code consume} and {@code all} any JMH
 * options, which override the defaults here (1 fork, 5 warm-up and 5 measurement iterations of 5 s),
 * and for {@code topup} optionally the number of subscriptions.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        String what = args.length > 0 ? args[0] : "all";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : new String[0];
        PrintStream out = System.out;
        machine(out);
        Map<String, double[]> consume = null;
        TopUpRun.Result topUps = null;
        switch (what) {
            case "all" -> {
                consume = consume(out, rest);
                profile(out);
                topUps = topUp(out, 100_000);
            }
            case "consume" -> consume = consume(out, rest);
            case "profile" -> profile(out);
            case "topup" -> topUps = topUp(out, rest.length > 0 ? Integer.parseInt(rest[0]) : 100_000);
            default -> throw new IllegalArgumentException("run what? all, consume, profile or topup, not '" + what + "'");
        }
        out.println();
        out.println("## Summary");
        if (consume != null) {
            summary(out, consume);
        }
        if (topUps != null) {
            out.printf("time-based top-ups: one runDue over %d due subscriptions took %.1f s = %.0f subscriptions/s"
                    + " (loading them took %.1f s; a second runDue finding nothing due took %.0f ms);"
                    + " raw floor %.0f subscriptions/s (%.0f before the run, %.0f after it), ratio %.2f%n",
                    topUps.subscriptions(), topUps.runSeconds(), topUps.perSecond(), topUps.loadSeconds(),
                    topUps.secondRunMillis(), topUps.floorPerSecond(), topUps.floorBeforePerSecond(),
                    topUps.floorAfterPerSecond(), topUps.perSecond() / topUps.floorPerSecond());
        }
        out.printf("load average at the end: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void machine(PrintStream out) throws IOException {
        out.println("## Machine");
        out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", CPU: " + cpuModel());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            out.printf("memory: %.1f GiB%n", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        out.println("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.println("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try (BenchDatabase db = BenchDatabase.start(1)) {
            out.println("PostgreSQL: " + db.serverVersion());
            out.println("settings: synchronous_commit=" + db.setting("synchronous_commit") + ", fsync=" + db.setting("fsync")
                    + ", wal_sync_method=" + db.setting("wal_sync_method") + ", shared_buffers="
                    + db.setting("shared_buffers") + ", max_connections=" + db.setting("max_connections"));
        }
        out.printf("load average at the start: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.println();
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    }

    /** Runs {@link ConsumeBenchmark}; returns score and error by benchmark method. */
    private static Map<String, double[]> consume(PrintStream out, String[] jmhArgs)
            throws RunnerException, CommandLineOptionException {
        out.println("## Credit consumption (JMH)");
        CommandLineOptions given = new CommandLineOptions(jmhArgs);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(given);
        if (given.getIncludes().isEmpty()) {
            options.include(ConsumeBenchmark.class.getName());
        }
        if (!given.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (!given.getWarmupIterations().hasValue()) {
            options.warmupIterations(5);
        }
        if (!given.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(5));
        }
        if (!given.getMeasurementIterations().hasValue()) {
            options.measurementIterations(5);
        }
        if (!given.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(5));
        }
        if (!given.getJvmArgs().hasValue()) {
            options.jvmArgs("-Xmx2g");
        }
        if (!given.getResult().hasValue()) {
            options.result("target/jmh-consume.json").resultFormat(ResultFormatType.JSON);
        }
        options.timeUnit(TimeUnit.SECONDS).shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            scores.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), new double[] {
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
        }
        return scores;
    }

    private static void profile(PrintStream out) {
        out.println();
        out.println("## Statement profile");
        StatementProfile.run(out, Duration.ofSeconds(10));
    }

    private static TopUpRun.Result topUp(PrintStream out, int subscriptions) {
        out.println();
        out.println("## Time-based top-ups");
        return TopUpRun.run(out, subscriptions);
    }

    private static void summary(PrintStream out, Map<String, double[]> scores) {
        out.println("| wallets | WalletService.consume ops/s | raw floor ops/s | ratio |");
        out.println("|---|---:|---:|---:|");
        row(out, "spread over " + ConsumeBenchmark.CUSTOMERS, scores.get("serviceSpread"), scores.get("floorSpread"));
        row(out, "one hot wallet", scores.get("serviceHot"), scores.get("floorHot"));
    }

    private static void row(PrintStream out, String wallets, double[] service, double[] floor) {
        if (service == null || floor == null) {
            return;
        }
        out.printf("| %s | %.0f ± %.0f | %.0f ± %.0f | %.2f |%n", wallets, service[0], service[1], floor[0], floor[1],
                service[0] / floor[0]);
    }
}
