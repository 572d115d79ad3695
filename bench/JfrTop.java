import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU samples go, from a flight recording (bench/run.sh with BENCH_JFR): the top methods by self
 * samples (the frame on top of the stack), the top packages by self samples, and for each pattern given the
 * share of samples with a frame whose class or method contains it anywhere on the stack (inclusive: tracing's
 * whole cost, say, with "brave." or "io.micrometer.tracing"). Patterns may be joined with "|" (any of them).
 * The samples the first pattern matches are also broken down by the matching frame nearest the top of the stack
 * (where inside, say, tracing the time goes).
 *
 * <pre>java bench/JfrTop.java gateway.jfr 25 'brave.|io.micrometer.tracing|zipkin2' io.micrometer.observation</pre>
 *
 * Stacks are cut at JFR's stack depth (64 by default; -XX:FlightRecorderOptions:stackdepth=1024 for whole
 * reactive stacks), so inclusive shares are a floor when they are cut.
 */
public final class JfrTop {

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        List<String[]> patterns = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            patterns.add(args[i].split("\\|"));
        }
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        int[] inclusive = new int[patterns.size()];
        Map<String, Integer> firstPatternFrames = new HashMap<>();
        int samples = 0;
        int truncated = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                if (event.getStackTrace().isTruncated()) {
                    truncated++;
                }
                RecordedMethod leaf = frames.get(0).getMethod();
                String type = leaf.getType().getName();
                methods.merge(type + "." + leaf.getName(), 1, Integer::sum);
                int dot = type.lastIndexOf('.');
                packages.merge(dot < 0 ? type : type.substring(0, dot), 1, Integer::sum);
                Set<Integer> matched = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                    for (int p = 0; p < patterns.size(); p++) {
                        for (String pattern : patterns.get(p)) {
                            if (name.contains(pattern)) {
                                if (p == 0 && !matched.contains(0)) {
                                    firstPatternFrames.merge(name, 1, Integer::sum);
                                }
                                matched.add(p);
                            }
                        }
                    }
                }
                for (int p : matched) {
                    inclusive[p]++;
                }
            }
        }
        System.out.printf("%s: %d CPU samples (%d stacks cut at JFR's stack depth)%n", file, samples, truncated);
        print("top methods (self)", methods, samples, top);
        print("top packages (self)", packages, samples, top);
        if (!patterns.isEmpty()) {
            print("samples of " + String.join("|", patterns.get(0)) + " by its frame nearest the top", firstPatternFrames,
                    samples, top);
        }
        for (int p = 0; p < patterns.size(); p++) {
            System.out.printf("inclusive %-60s %6.1f %% (%d)%n", String.join("|", patterns.get(p)),
                    100.0 * inclusive[p] / Math.max(samples, 1), inclusive[p]);
        }
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("-- " + title);
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(top)
                .forEach(e -> System.out.printf("%6.1f %%  %s%n", 100.0 * e.getValue() / Math.max(samples, 1), e.getKey()));
    }
}
