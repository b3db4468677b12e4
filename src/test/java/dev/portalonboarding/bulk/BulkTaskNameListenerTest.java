package dev.portalonboarding.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The review tasks' names tell bulks apart: file name, row count with its plural, uploader. */
class BulkTaskNameListenerTest {

    @Test
    void theNameCarriesTheFileTheRowCountAndTheUploader() {
        assertThat(BulkTaskNameListener.name("Review dry run", "new-users.csv", 120, "anna"))
                .isEqualTo("Review dry run: \"new-users.csv\", 120 rows, from anna");
        assertThat(BulkTaskNameListener.name("Review results", "one.csv", 1, "anna"))
                .isEqualTo("Review results: \"one.csv\", 1 row, from anna");
    }

    @Test
    void aLongOrOddFileNameIsShortenedAndEscapedToFitTheEnginesColumn() {
        String name = BulkTaskNameListener.name("Review dry run", "\u202Egpj.csv" + "😀".repeat(200), 100_000,
                "u".repeat(64));

        assertThat(name).startsWith("Review dry run: \"\\u202Egpj.csv😀").contains("…\", 100000 rows, from u");
        assertThat(name.length()).isLessThanOrEqualTo(255);
    }
}
