package dev.portalonboarding.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The masked email the invitation and mismatch pages show to whoever holds the link. */
class EmailMaskingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ada.lovelace@example.com, a***@example.com",
            "ab@example.com,           a***@example.com",
            "a@example.com,            ***@example.com",
            "not-an-email,             ***"})
    void showsTheFirstLetterAndTheDomainOnly(String email, String masked) {
        assertThat(InvitationPages.masked(email)).isEqualTo(masked);
    }
}
