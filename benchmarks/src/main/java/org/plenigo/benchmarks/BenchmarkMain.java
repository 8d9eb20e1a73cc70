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
import org.openjdk.jmh.annotations.Mode;
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
 * {@code consume}, {@code profile}, {@code topup}, {@code two-schedulers}, {@code access}, {@code invoices}), then for
 * {@code consume}, {@code access}, {@code invoices} and {@code all} any JMH options, which override
 * the defaults here (1 fork; for {@code consume} and {@code invoices} 5 warm-up and 5 measurement
 * iterations of 5 s, for {@code access} 3 warm-up and 5 measurement iterations of 3 s), and for
 * {@code topup} and {@code two-schedulers} optionally the number of subscriptions.
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
        Map<String, RunResult> access = null;
        Map<String, double[]> invoices = null;
        switch (what) {
            case "all" -> {
                consume = consume(out, rest);
                profile(out);
                topUps = topUp(out, 100_000);
                access = access(out, rest);
                invoices = invoices(out, rest);
            }
            case "consume" -> consume = consume(out, rest);
            case "profile" -> profile(out);
            case "topup" -> topUps = topUp(out, rest.length > 0 ? Integer.parseInt(rest[0]) : 100_000);
            case "two-schedulers" -> topUps = twoSchedulers(out, rest.length > 0 ? Integer.parseInt(rest[0]) : 100_000);
            case "access" -> access = access(out, rest);
            case "invoices" -> invoices = invoices(out, rest);
            default -> throw new IllegalArgumentException("run what? all, consume, profile, topup,"
                    + " two-schedulers, access or invoices, not '" + what + "'");
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
        if (access != null) {
            accessSummary(out, access);
        }
        if (invoices != null) {
            out.println("| " + InvoiceBenchmark.THREADS + " threads | invoiced charges/s | raw floor/s | ratio |");
            out.println("|---|---:|---:|---:|");
            row(out, "one series", invoices.get("issue"), invoices.get("floor"));
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
        return throughput(out, "## Credit consumption (JMH)", ConsumeBenchmark.class, "target/jmh-consume.json",
                jmhArgs);
    }

    /** Runs {@link InvoiceBenchmark}; returns score and error by benchmark method. */
    private static Map<String, double[]> invoices(PrintStream out, String[] jmhArgs)
            throws RunnerException, CommandLineOptionException {
        return throughput(out, "## Invoices (JMH)", InvoiceBenchmark.class, "target/jmh-invoices.json", jmhArgs);
    }

    /** Runs the benchmarks of one class for their throughput; returns score and error by benchmark method. */
    private static Map<String, double[]> throughput(PrintStream out, String title, Class<?> benchmarks,
                                                    String resultFile, String[] jmhArgs)
            throws RunnerException, CommandLineOptionException {
        out.println(title);
        CommandLineOptions given = new CommandLineOptions(jmhArgs);
        ChainedOptionsBuilder options = options(given, benchmarks.getName(), 5, 5, "-Xmx2g", resultFile);
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

    /** JMH options: those given, and where not given 1 fork and the defaults here. */
    private static ChainedOptionsBuilder options(CommandLineOptions given, String include, int iterationSeconds,
                                                 int warmups, String heap, String resultFile) {
        ChainedOptionsBuilder options = new OptionsBuilder().parent(given);
        if (given.getIncludes().isEmpty()) {
            options.include(include);
        }
        if (!given.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (!given.getWarmupIterations().hasValue()) {
            options.warmupIterations(warmups);
        }
        if (!given.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(iterationSeconds));
        }
        if (!given.getMeasurementIterations().hasValue()) {
            options.measurementIterations(5);
        }
        if (!given.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(iterationSeconds));
        }
        if (!given.getJvmArgs().hasValue()) {
            options.jvmArgs(heap);
        }
        if (!given.getResult().hasValue()) {
            options.result(resultFile).resultFormat(ResultFormatType.JSON);
        }
        return options;
    }

    /** The access benchmarks measured in throughput with 1 thread, with 2, and in sample time with 1. */
    private static final String[] ACCESS_THROUGHPUT_1 = {"hashMapFloor", "itemsFloor", "itemsAndClockFloor",
            "buildCheck", "memoryFindForCheck", "memoryGranted", "memoryDenied", "postgresGranted",
            "postgresSelectFloor", "postgresCounting"};
    private static final String[] ACCESS_THROUGHPUT_2 = {"hashMapFloor", "itemsFloor", "itemsAndClockFloor",
            "memoryGranted", "postgresGranted", "postgresSelectFloor", "postgresCounting"};
    private static final String[] ACCESS_SAMPLED = {"hashMapFloor", "itemsFloor", "memoryGranted", "memoryDenied",
            "postgresGranted", "postgresSelectFloor"};
    private static final String[] ACCESS_PROFILED = {"postgresGranted", "postgresSelectFloor", "postgresCounting"};

    /**
     * Runs {@link AccessBenchmark}: in throughput with 1 and with 2 threads, then in sample time
     * (latency percentiles) with 1 thread and 2 warm-up iterations. Returns the results by benchmark, mode and threads, e.g.
     * {@code memoryGranted/thrpt/1}.
     */
    private static Map<String, RunResult> access(PrintStream out, String[] jmhArgs)
            throws RunnerException, CommandLineOptionException, IOException {
        out.println();
        out.println("## Access checks (JMH)");
        for (String benchmark : ACCESS_PROFILED) {
            Files.deleteIfExists(AccessBenchmark.roundTrips(benchmark));
        }
        AccessBenchmark.Postgres.discardData();
        CommandLineOptions given = new CommandLineOptions(jmhArgs);
        Map<String, RunResult> scores = new LinkedHashMap<>();
        try {
            for (int threads : new int[] {1, 2}) {
                ChainedOptionsBuilder options = options(given, accessInclude(threads == 1 ? ACCESS_THROUGHPUT_1
                                : ACCESS_THROUGHPUT_2), 3, 3, "-Xmx4g",
                        "target/jmh-access-thrpt-" + threads + ".json");
                options.mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(threads).shouldFailOnError(true);
                collect(scores, new Runner(options.build()).run());
            }
            ChainedOptionsBuilder options = options(given, accessInclude(ACCESS_SAMPLED), 3, 2, "-Xmx4g",
                    "target/jmh-access-sample-1.json");
            options.mode(Mode.SampleTime).timeUnit(TimeUnit.NANOSECONDS).threads(1).shouldFailOnError(true);
            collect(scores, new Runner(options.build()).run());
        } finally {
            AccessBenchmark.Postgres.discardData();
        }
        return scores;
    }

    private static String accessInclude(String[] benchmarks) {
        return AccessBenchmark.class.getName() + "\\.(" + String.join("|", benchmarks) + ")$";
    }

    private static void collect(Map<String, RunResult> scores, Collection<RunResult> results) {
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            scores.put(benchmark.substring(benchmark.lastIndexOf('.') + 1) + "/" + result.getParams().getMode().shortLabel()
                    + "/" + result.getParams().getThreads(), result);
        }
    }

    private static void accessSummary(PrintStream out, Map<String, RunResult> scores) throws IOException {
        out.println();
        out.println("### Access checks: throughput against the raw floor (ops/s ± 99.9 % error)");
        out.println("| check | threads | ops/s | floor | floor ops/s | ratio |");
        out.println("|---|---:|---:|---|---:|---:|");
        for (int threads : new int[] {1, 2}) {
            accessRow(out, scores, "memoryGranted", "hashMapFloor", threads);
            accessRow(out, scores, "itemsFloor", "hashMapFloor", threads);
            accessRow(out, scores, "itemsAndClockFloor", "hashMapFloor", threads);
            accessRow(out, scores, "memoryGranted", "itemsAndClockFloor", threads);
            accessRow(out, scores, "memoryDenied", "hashMapFloor", threads);
            accessRow(out, scores, "buildCheck", "hashMapFloor", threads);
            accessRow(out, scores, "memoryFindForCheck", "hashMapFloor", threads);
            accessRow(out, scores, "postgresGranted", "postgresSelectFloor", threads);
            accessRow(out, scores, "postgresCounting", null, threads);
        }
        out.println();
        out.println("### Access checks: time per operation, 1 thread (sample time, µs)");
        out.println("| check | mean | p50 | p90 | p99 | p99.9 | samples |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (String benchmark : ACCESS_SAMPLED) {
            RunResult result = scores.get(benchmark + "/sample/1");
            if (result != null) {
                var statistics = result.getPrimaryResult().getStatistics();
                out.printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %d |%n", benchmark, statistics.getMean() / 1000,
                        statistics.getPercentile(50) / 1000, statistics.getPercentile(90) / 1000,
                        statistics.getPercentile(99) / 1000, statistics.getPercentile(99.9) / 1000, statistics.getN());
            }
        }
        out.println();
        out.println("### Access checks on PostgreSQL: calls to the database per operation");
        for (String benchmark : ACCESS_PROFILED) {
            if (Files.isReadable(AccessBenchmark.roundTrips(benchmark))) {
                Files.readAllLines(AccessBenchmark.roundTrips(benchmark)).forEach(out::println);
            }
        }
    }

    private static void accessRow(PrintStream out, Map<String, RunResult> scores, String benchmark, String floor,
                                  int threads) {
        RunResult result = scores.get(benchmark + "/thrpt/" + threads);
        if (result == null) {
            return;
        }
        double score = result.getPrimaryResult().getScore();
        RunResult floorResult = floor == null ? null : scores.get(floor + "/thrpt/" + threads);
        if (floorResult == null) {
            out.printf("| %s | %d | %.0f ± %.0f | | | |%n", benchmark, threads, score,
                    result.getPrimaryResult().getScoreError());
            return;
        }
        double floorScore = floorResult.getPrimaryResult().getScore();
        out.printf("| %s | %d | %.0f ± %.0f | %s | %.0f ± %.0f | %.3f |%n", benchmark, threads, score,
                result.getPrimaryResult().getScoreError(), floor, floorScore,
                floorResult.getPrimaryResult().getScoreError(), score / floorScore);
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

    private static TopUpRun.Result twoSchedulers(PrintStream out, int subscriptions) {
        out.println();
        out.println("## Time-based top-ups, two schedulers on two pools");
        return TopUpRun.run(out, subscriptions, true);
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
