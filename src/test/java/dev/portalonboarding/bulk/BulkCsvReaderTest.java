package dev.portalonboarding.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.portalonboarding.onboarding.RejectedRequestException;

/** The CSV reader on its own: records, quoting, line numbers and the refusals of unreadable files. */
class BulkCsvReaderTest {

    @Test
    void readsTheHeaderAndEachRecordWithItsLine() {
        List<Record> records = read("first_name,last_name,email\nAda,Lovelace,ada@example.com\r\nAlan,Turing,alan@example.com");

        assertThat(records).containsExactly(
                new Record(1, List.of("first_name", "last_name", "email")),
                new Record(2, List.of("Ada", "Lovelace", "ada@example.com")),
                new Record(3, List.of("Alan", "Turing", "alan@example.com")));
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        List<Record> records = read("company,email\n\"Engines, Ltd\",a@example.com\n\"The \"\"Analytical\"\"\nEngine\",b@example.com\nlast,c@example.com\n");

        assertThat(records).containsExactly(
                new Record(1, List.of("company", "email")),
                new Record(2, List.of("Engines, Ltd", "a@example.com")),
                new Record(3, List.of("The \"Analytical\"\nEngine", "b@example.com")),
                new Record(5, List.of("last", "c@example.com")));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsKeptAsIs() {
        assertThat(read("O\"Brien,x").get(0).fields()).containsExactly("O\"Brien", "x");
    }

    @Test
    void skipsTheByteOrderMarkExcelWrites() {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        byte[] text = "email\na@example.com".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(text, 0, file, bom.length, text.length);

        assertThat(read(file).get(0).fields()).containsExactly("email");
    }

    @Test
    void skipsBlankLinesButCountsThem() {
        assertThat(read("email\n\n   \r\na@example.com\n\n")).containsExactly(
                new Record(1, List.of("email")),
                new Record(4, List.of("a@example.com")));
    }

    @Test
    void givesEveryFieldOfALongerRecord() {
        // The dry run compares the count with the header's and marks the row invalid
        assertThat(read("a,b\n1,2,3,\n").get(1).fields()).containsExactly("1", "2", "3", "");
    }

    @Test
    void anEmptyFileHasNoRecords() {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n")).isEmpty();
    }

    @Test
    void refusesAQuotedFieldThatIsNeverClosed() {
        assertThatThrownBy(() -> read("email\n\"a@example.com\n"))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Bulk onboarding file refused: line 2 opens a quoted field that is never closed.");
    }

    @Test
    void refusesARecordLongerThanTheCap() {
        String runaway = "x".repeat(BulkCsvReader.MAX_RECORD_CHARS + 1);

        assertThatThrownBy(() -> read("email\n" + runaway))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("Bulk onboarding file refused: line 2 is longer than 8192 characters.");
    }

    @Test
    void refusesAFileThatIsNotUtf8() {
        byte[] latin1 = "email\nRen\u00e9@example.com".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> read(latin1))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("the file is not UTF-8 encoded");
    }

    private record Record(int line, List<String> fields) {
    }

    private static List<Record> read(String csv) {
        return read(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Record> read(byte[] csv) {
        List<Record> records = new ArrayList<>();
        try (BulkCsvReader reader = new BulkCsvReader(new ByteArrayInputStream(csv))) {
            for (List<String> fields = reader.next(); fields != null; fields = reader.next()) {
                records.add(new Record(reader.recordLine(), fields));
            }
        }
        return records;
    }
}
