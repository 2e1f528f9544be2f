package io.pgpulse.core.explain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads {@code EXPLAIN (FORMAT JSON)} output: an array of one or more statement objects (a
 * rewrite rule can turn one statement into several plans), a single statement object, or a bare
 * node object. Unknown keys are kept on the node or the plan; only a document with no plan in it
 * is an error.
 */
public final class PlanJson {
    /** Each plan level nests an object in an array; PostgreSQL plans can be far deeper than Jackson's default. */
    private static final int MAX_NESTING = 20_000;
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build()).build();

    private PlanJson() {}

    public static List<QueryPlan> parse(String json) throws PlanFormatException {
        // Streaming, not a tree: a 10,000-node plan is several megabytes, and building a JsonNode tree
        // first would double the work.
        try (JsonParser p = MAPPER.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new PlanFormatException("The plan is empty.");
            }
            List<QueryPlan> plans = new ArrayList<>();
            if (first == JsonToken.START_ARRAY) {
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    plans.add(statement(p, "element " + (++i) + " of the array"));
                }
            } else {
                plans.add(statement(p, "the document"));
            }
            if (plans.isEmpty()) {
                throw new PlanFormatException("The JSON array holds no plan.");
            }
            if (p.nextToken() != null) {
                throw new PlanFormatException("Unexpected text after the plan" + where(p));
            }
            return plans;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new PlanFormatException("Not valid JSON" + at + ": " + e.getOriginalMessage(),
                    loc == null ? 0 : loc.getLineNr(), e);
        } catch (IOException e) {
            throw new PlanFormatException("The plan could not be read: " + e.getMessage(), e);
        }
    }

    /** The first plan of a document; EXPLAIN of one statement without rules produces exactly one. */
    public static QueryPlan parseOne(String json) throws PlanFormatException {
        return parse(json).get(0);
    }

    private static String where(JsonParser p) {
        var loc = p.currentLocation();
        return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /** A statement object ({"Plan": …, "Planning Time": …}) or a bare node object; the parser is on its START_OBJECT. */
    private static QueryPlan statement(JsonParser p, String where) throws IOException, PlanFormatException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new PlanFormatException("Expected a plan object in " + where + ", found " + p.currentToken() + where(p));
        }
        PlanNode.Builder plan = null;
        PlanNode.Builder bare = PlanNode.builder();
        boolean isNode = false;
        Map<String, Object> properties = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (key.equals("Plan") && t == JsonToken.START_OBJECT) {
                plan = node(p, where);
            } else if (key.equals("Plans") && t == JsonToken.START_ARRAY) {
                children(p, bare, where);
            } else {
                Object v = value(p, t);
                properties.put(key, v);
                bare.put(key, v);
                isNode |= key.equals("Node Type");
            }
        }
        if (plan != null) {
            return QueryPlan.of(plan, properties);
        }
        if (isNode) {
            return QueryPlan.of(bare, Map.of());
        }
        throw new PlanFormatException("No \"Plan\" object in " + where + ": is this EXPLAIN (FORMAT JSON) output?");
    }

    private static PlanNode.Builder node(JsonParser p, String where) throws IOException, PlanFormatException {
        PlanNode.Builder b = PlanNode.builder();
        fill(p, b, false, where);
        return b;
    }

    private static void children(JsonParser p, PlanNode.Builder parent, String where) throws IOException, PlanFormatException {
        fill(p, parent, true, where);
    }

    /** One level of a plan: reading an object's fields, or the objects of its "Plans" array. */
    private record Frame(PlanNode.Builder node, boolean inPlans) {
    }

    /**
     * Reads nodes with an explicit stack instead of recursion: plans thousands of levels deep
     * (a long chain of nested loops or subqueries) must not overflow the thread's stack.
     */
    private static void fill(JsonParser p, PlanNode.Builder start, boolean inPlans, String where)
            throws IOException, PlanFormatException {
        java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
        stack.push(new Frame(start, inPlans));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            JsonToken t = p.nextToken();
            if (f.inPlans()) {
                if (t == JsonToken.END_ARRAY) {
                    stack.pop();
                } else if (t == JsonToken.START_OBJECT) {
                    PlanNode.Builder child = PlanNode.builder();
                    f.node().child(child);
                    stack.push(new Frame(child, false));
                } else {
                    throw new PlanFormatException("A child plan in " + where + " is not an object" + where(p));
                }
            } else if (t != JsonToken.FIELD_NAME) {
                stack.pop();
            } else {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals("Plans") && v == JsonToken.START_ARRAY) {
                    stack.push(new Frame(f.node(), true));
                } else {
                    f.node().put(key, value(p, v));
                }
            }
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getDoubleValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY, START_OBJECT -> value(MAPPER.readTree(p));
            default -> null;
        };
    }

    private static Object value(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            v.forEach(x -> list.add(value(x)));
            return list;
        }
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            v.properties().forEach(e -> map.put(e.getKey(), value(e.getValue())));
            return map;
        }
        return null;
    }
}
