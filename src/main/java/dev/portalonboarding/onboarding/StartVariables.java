package dev.portalonboarding.onboarding;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.STARTED_BY;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.PrimitiveValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * The variables of a start as a client sent them, read by their declared types and never coerced or
 * deserialized into a type the client chose. Collects what is wrong: a variable the start form does
 * not have, a {@code startedBy} other than the engine's own (the signed-in user who starts, set by the
 * start event's initiator), a field of the wrong type. Every start of ours passes its first service
 * task in the start's transaction, which reads it through this class.
 */
public final class StartVariables {

    private final DelegateExecution execution;
    private final List<String> problems = new ArrayList<>();

    private StartVariables(DelegateExecution execution) {
        this.execution = execution;
    }

    /** The start's variables, checked to be the form's {@code fields} and the engine's initiator. */
    public static StartVariables of(DelegateExecution execution, Set<String> fields) {
        StartVariables start = new StartVariables(execution);
        Set<String> unknown = new TreeSet<>(execution.getVariableNames());
        unknown.removeAll(fields);
        unknown.remove(STARTED_BY);
        if (!unknown.isEmpty()) {
            start.problems.add("unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(InputPolicy::quoted).collect(Collectors.joining(", "))
                    + " (the form has " + String.join(", ", new TreeSet<>(fields)) + ")");
        }
        TypedValue startedBy = execution.getVariableTyped(STARTED_BY, false);
        Object sent = startedBy == null || startedBy.getType() == ValueType.NULL ? null
                : startedBy instanceof PrimitiveValue<?> primitive ? primitive.getValue() : startedBy;
        if (!Objects.equals(sent, CurrentActor.userId(execution))) {
            start.problems.add(STARTED_BY + " is the signed-in user who starts, set by the engine; it cannot be sent");
        }
        return start;
    }

    /** A text field: a string, or null when absent or null. */
    public String text(String name) {
        TypedValue value = execution.getVariableTyped(name, false);
        if (value == null || value.getType() == ValueType.NULL) {
            return null;
        }
        if (value.getType() == ValueType.STRING) {
            return (String) value.getValue();
        }
        problems.add(name + " must be text, not " + typeName(value));
        return null;
    }

    /**
     * A list of names: Tasklist's checklist sends a JSON array of strings, the Java API a
     * {@code List<String>}; null when absent or null.
     */
    public List<String> textList(String name) {
        TypedValue value = execution.getVariableTyped(name, false);
        if (value == null || value.getType() == ValueType.NULL) {
            return null;
        }
        List<String> list = null;
        if (value instanceof JsonValue) {
            SpinJsonNode json = execution.<JsonValue>getVariableTyped(name, true).getValue();
            if (json.isArray() && json.elements().stream().allMatch(SpinJsonNode::isString)) {
                list = json.elements().stream().map(SpinJsonNode::stringValue).toList();
            }
        } else if (value instanceof ObjectValue object && object.isDeserialized()
                && object.getValue() instanceof Collection<?> collection
                && collection.stream().allMatch(String.class::isInstance)) {
            // Only an object the Java API passed in this transaction: a serialized one is never deserialized here
            list = collection.stream().map(String.class::cast).toList();
        }
        if (list == null) {
            problems.add(name + " must be a list of names, not " + typeName(value));
        }
        return list;
    }

    /** A number field: the number, or null when absent, null or of another type (a problem then). */
    public Number number(String name) {
        TypedValue value = execution.getVariableTyped(name, false);
        if (value == null || value.getType() == ValueType.NULL) {
            return null;
        }
        if (value instanceof PrimitiveValue<?> primitive && primitive.getValue() instanceof Number number) {
            return number;
        }
        problems.add(name + " must be a number, not " + typeName(value));
        return null;
    }

    /** A checkbox: true only when sent as the boolean true; false when absent or null. */
    public boolean flag(String name) {
        TypedValue value = execution.getVariableTyped(name, false);
        if (value == null || value.getType() == ValueType.NULL) {
            return false;
        }
        if (value.getType() == ValueType.BOOLEAN) {
            return Boolean.TRUE.equals(value.getValue());
        }
        problems.add(name + " must be true or false, not " + typeName(value));
        return false;
    }

    /** Wrong names and types so far, each as "field message"; empty if none. */
    public List<String> problems() {
        return problems;
    }

    private static String typeName(TypedValue value) {
        return value.getType() == null ? "untyped" : value.getType().getName();
    }
}
