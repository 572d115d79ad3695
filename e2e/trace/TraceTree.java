import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a Zipkin v2 trace (the JSON array of {@code /api/v2/trace/{id}}, on standard input) as a tree: one line
 * per span, indented under its parent, children in start order: service, span name, duration, and the tags that
 * say where the span was ({@code seata.xid}, the HTTP route, the Kafka topic). Run by {@code ./platform trace};
 * a single file with no dependencies, so that the JDK's source launcher runs it.
 */
public class TraceTree {

    public static void main(String[] args) throws IOException {
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> spans = (List<Map<String, Object>>) new Json(input).value();
        if (spans.isEmpty()) {
            System.out.println("(no spans)");
            return;
        }
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        spans.forEach(span -> byId.merge((String) span.get("id"), span, TraceTree::preferServerSide));
        Map<String, List<Map<String, Object>>> children = new LinkedHashMap<>();
        List<Map<String, Object>> roots = new ArrayList<>();
        for (Map<String, Object> span : byId.values()) {
            String parent = (String) span.get("parentId");
            if (parent == null || !byId.containsKey(parent)) {
                roots.add(span);
            }
            else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(span);
            }
        }
        Comparator<Map<String, Object>> byStart = Comparator.comparingLong(span -> number(span.get("timestamp")));
        roots.sort(byStart);
        children.values().forEach(list -> list.sort(byStart));
        System.out.printf("trace %s: %d spans, %d services%n", spans.get(0).get("traceId"), byId.size(),
                byId.values().stream().map(TraceTree::service).distinct().count());
        roots.forEach(root -> print(root, children, "", byStart));
    }

    /** A span shared by client and server (Brave may join them) appears twice: keep the server side. */
    private static Map<String, Object> preferServerSide(Map<String, Object> a, Map<String, Object> b) {
        return "SERVER".equals(b.get("kind")) ? b : a;
    }

    private static void print(Map<String, Object> span, Map<String, List<Map<String, Object>>> children, String indent,
                              Comparator<Map<String, Object>> byStart) {
        StringBuilder line = new StringBuilder(indent).append(service(span)).append("  ").append(span.get("name"));
        if (span.get("kind") != null) {
            line.append(" [").append(span.get("kind").toString().toLowerCase()).append(']');
        }
        line.append(String.format("  %.1f ms", number(span.get("duration")) / 1000.0));
        @SuppressWarnings("unchecked")
        Map<String, Object> tags = (Map<String, Object>) span.getOrDefault("tags", Map.of());
        for (String tag : List.of("http.url", "uri", "messaging.destination.name", "seata.xid", "error")) {
            if (tags.containsKey(tag)) {
                line.append("  ").append(tag).append('=').append(tags.get(tag));
            }
        }
        System.out.println(line);
        children.getOrDefault((String) span.get("id"), List.of())
                .forEach(child -> print(child, children, indent + "  ", byStart));
    }

    @SuppressWarnings("unchecked")
    private static String service(Map<String, Object> span) {
        Map<String, Object> endpoint = (Map<String, Object>) span.getOrDefault("localEndpoint", Map.of());
        return String.valueOf(endpoint.getOrDefault("serviceName", "?"));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** Just enough JSON: objects, arrays, strings, numbers, booleans, null. */
    private static final class Json {

        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object value() {
            skip();
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    at++;
                    skip();
                    if (text.charAt(at) == '}') {
                        at++;
                        return object;
                    }
                    while (true) {
                        skip();
                        String key = string();
                        skip();
                        at++; // ':'
                        object.put(key, value());
                        skip();
                        if (text.charAt(at++) == '}') {
                            return object;
                        }
                    }
                }
                case '[' -> {
                    List<Object> array = new ArrayList<>();
                    at++;
                    skip();
                    if (text.charAt(at) == ']') {
                        at++;
                        return array;
                    }
                    while (true) {
                        array.add(value());
                        skip();
                        if (text.charAt(at++) == ']') {
                            return array;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = at;
                    while (at < text.length() && ",}] \n\r\t".indexOf(text.charAt(at)) < 0) {
                        at++;
                    }
                    String literal = text.substring(start, at);
                    return switch (literal) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> literal.contains(".") || literal.contains("e") ? (Object) Double.parseDouble(literal)
                                : (Object) Long.parseLong(literal);
                    };
                }
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            at++; // opening quote
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char e = text.charAt(at++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(e);
                    }
                }
                else {
                    out.append(c);
                }
            }
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
