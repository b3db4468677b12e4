package dev.portalonboarding.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the auditors' and staff's JSON answers: timeline entries, page items, text arrays. */
public final class HistoryJson {

    /** The timeline's entries from one source (engine, invitation, contact …), in the timeline's order. */
    public static List<JsonNode> entries(JsonNode timeline, String source) {
        List<JsonNode> entries = new ArrayList<>();
        timeline.get("entries").forEach(entry -> {
            if (entry.get("source").asText().equals(source)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    /** The process instance ids of a page's items, in the page's order. */
    public static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("processInstanceId").asText()));
        return ids;
    }

    public static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private HistoryJson() {
    }
}
