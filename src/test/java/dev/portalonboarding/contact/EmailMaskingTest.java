package dev.portalonboarding.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The masked email the invitation pages and the audit sentences show. */
class EmailMaskingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ada.lovelace@example.com, a***@example.com",
            "ab@example.com,           a***@example.com",
            "a@example.com,            ***@example.com",
            "not-an-email,             ***"})
    void showsTheFirstLetterAndTheDomainOnly(String email, String masked) {
        assertThat(EmailMasking.mask(email)).isEqualTo(masked);
    }

    @Test
    void masksEveryAddressInFreeText() {
        assertThat(EmailMasking.maskWithin("Asked by ada@example.com (and bob@example.org); no $1 here"))
                .isEqualTo("Asked by a***@example.com (and b***@example.org); no $1 here");
        assertThat(EmailMasking.maskWithin("no address")).isEqualTo("no address");
        assertThat(EmailMasking.maskWithin(null)).isNull();
    }
}
