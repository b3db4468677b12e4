package dev.portalonboarding.bulk;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.portalonboarding.onboarding.InputPolicy;

/** The columns of a bulk onboarding file, in any order; headers match ignoring case, spaces and hyphens. */
enum BulkColumn {
    FIRST_NAME, LAST_NAME, EMAIL, COMPANY, LANGUAGE, ROLES;

    String header() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String expectedHeader() {
        return Arrays.stream(values()).map(BulkColumn::header).collect(Collectors.joining(","));
    }

    /** Where each column is in the file, or a refusal naming the missing, unknown or repeated headers. */
    static Map<BulkColumn, Integer> positions(List<String> header) {
        Map<BulkColumn, Integer> positions = new EnumMap<>(BulkColumn.class);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            BulkColumn column = of(name).orElseThrow(() -> BulkCsvReader.refused("unknown column "
                    + InputPolicy.quoted(name.strip()) + " in the header. The header must be: " + expectedHeader()));
            if (positions.put(column, i) != null) {
                throw BulkCsvReader.refused("the column " + column.header() + " appears twice in the header.");
            }
        }
        List<String> missing = Arrays.stream(values()).filter(c -> !positions.containsKey(c)).map(BulkColumn::header).toList();
        if (!missing.isEmpty()) {
            throw BulkCsvReader.refused("the header lacks the column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + ". The header must be: " + expectedHeader());
        }
        return positions;
    }

    private static Optional<BulkColumn> of(String header) {
        String normalised = header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return Arrays.stream(values()).filter(c -> c.header().equals(normalised)).findFirst();
    }
}
