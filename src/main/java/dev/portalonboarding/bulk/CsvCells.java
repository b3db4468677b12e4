package dev.portalonboarding.bulk;

import java.util.List;
import java.util.stream.Collectors;

/** Cells of the CSV files we export: quoted per RFC 4180 and safe to open in a spreadsheet. */
final class CsvCells {

    static String line(List<String> cells) {
        return cells.stream().map(CsvCells::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    /**
     * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a
     * formula, e.g. {@code =cmd|' /C calc'!A0}; a leading apostrophe makes it plain text (OWASP CSV injection).
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private CsvCells() {
    }
}
