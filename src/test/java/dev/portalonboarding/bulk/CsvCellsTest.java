package dev.portalonboarding.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Cells of the exported reports: always quoted, and never a formula when opened in a spreadsheet. */
class CsvCellsTest {

    @Test
    void quotesEveryCellAndDoublesQuotes() {
        assertThat(CsvCells.cell("Engines, \"Ltd\"")).isEqualTo("\"Engines, \"\"Ltd\"\"\"");
        assertThat(CsvCells.cell("")).isEqualTo("\"\"");
        assertThat(CsvCells.cell(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1" })
    void aCellAFormulaCouldStartWithBecomesText(String formula) {
        assertThat(CsvCells.cell(formula)).isEqualTo("\"'" + formula.replace("\"", "\"\"") + "\"");
    }

    @Test
    void formulaCharactersLaterInTheCellAreLeftAlone() {
        assertThat(CsvCells.cell("ada+test@example.com")).isEqualTo("\"ada+test@example.com\"");
    }

    @Test
    void aLineEndsWithCrLf() {
        assertThat(CsvCells.line(Arrays.asList("a", null, "=b"))).isEqualTo("\"a\",,\"'=b\"\r\n");
        assertThat(CsvCells.line(List.of())).isEqualTo("\r\n");
    }
}
