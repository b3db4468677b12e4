package dev.portalonboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.onboarding.OnboardingProcess.Variables;
import dev.portalonboarding.support.OnboardingTestBase;

/** Bad start-form input is refused with a message naming the field, and nothing is created. */
class OnboardingRequestValidationTest extends OnboardingTestBase {

    @Autowired
    JdbcClient jdbc;

    static java.util.stream.Stream<Arguments> badInput() {
        return java.util.stream.Stream.of(
                Arguments.of("missing email", Variables.EMAIL, null, "email must not be blank"),
                Arguments.of("invalid email", Variables.EMAIL, "ada.example.com", "email must be a valid email address"),
                Arguments.of("email without domain dot", Variables.EMAIL, "ada@localhost", "email must be a valid email address"),
                Arguments.of("name over the limit", Variables.LAST_NAME, "x".repeat(101), "lastName size must be between 0 and 100"),
                Arguments.of("validity of 0 days", Variables.VALIDITY_DAYS, 0, "validityDays must be a whole number of days between 1 and 30"),
                Arguments.of("validity of 365 days", Variables.VALIDITY_DAYS, 365, "validityDays must be a whole number of days between 1 and 30"),
                Arguments.of("CR/LF in a name", Variables.FIRST_NAME, "Ada\r\nBcc: victim@example.com", "firstName must not contain line breaks"),
                Arguments.of("unknown language", Variables.LANGUAGE, "fr", "language must be en or de"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void isRefusedWithAClearMessageAndCreatesNothing(String description, String field, Object value, String message) {
        String email = uniqueEmail("invalid");
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(field, value);
        long contactsBefore = count("onboarding.contact");
        long invitationsBefore = count("onboarding.invitation");
        long instancesBefore = processEngine.getHistoryService().createHistoricProcessInstanceQuery().count();

        assertThatThrownBy(() -> startOnboarding(form))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("Invalid onboarding request: ")
                .hasMessageContaining(message);

        assertThat(count("onboarding.contact")).isEqualTo(contactsBefore);
        assertThat(count("onboarding.invitation")).isEqualTo(invitationsBefore);
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().count())
                .isEqualTo(instancesBefore);
        assertThat(mailsTo(email)).isEmpty();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
