package dev.portalonboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.security.CamundaAccessSetup;
import dev.portalonboarding.support.CamundaWebappClient;
import dev.portalonboarding.support.OnboardingTestBase;

/**
 * Bad start-form input is refused by the input policy with a message naming the field, and nothing is
 * created; so are variables the form does not have and values of another type than the form's.
 */
class OnboardingRequestValidationTest extends OnboardingTestBase {

    private static final String STAFF = "validationstaff";

    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("missing email", OnboardingProcess.Variables.EMAIL, null, "email must not be blank"),
                Arguments.of("invalid email", OnboardingProcess.Variables.EMAIL, "ada.example.com", "email must be a valid email address"),
                Arguments.of("email without domain dot", OnboardingProcess.Variables.EMAIL, "ada@localhost", "email must be a valid email address"),
                Arguments.of("zero-width space in an email", OnboardingProcess.Variables.EMAIL, "ada\u200B@example.com",
                        "email must not contain line breaks, control or invisible characters (U+200B at position 4)"),
                Arguments.of("bidi override in an email", OnboardingProcess.Variables.EMAIL, "ada@exa\u202Emple.com", "(U+202E at position 8)"),
                Arguments.of("Cyrillic letter in a Latin domain", OnboardingProcess.Variables.EMAIL, "ada@ex\u0430mple.com",
                        "email must be a valid email address (the domain part \"ex\u0430mple\" mixes scripts: [cyrillic, latin])"),
                Arguments.of("no-break space in an email", OnboardingProcess.Variables.EMAIL, "ada@exa\u00A0mple.com", "email must be a valid email address"),
                Arguments.of("name over the limit", OnboardingProcess.Variables.LAST_NAME, "x".repeat(101), "lastName size must be between 0 and 100"),
                Arguments.of("validity of 0 days", OnboardingProcess.Variables.VALIDITY_DAYS, 0, "validityDays must be a whole number of days between 1 and 30"),
                Arguments.of("validity of 365 days", OnboardingProcess.Variables.VALIDITY_DAYS, 365, "validityDays must be a whole number of days between 1 and 30"),
                Arguments.of("CR/LF in a name", OnboardingProcess.Variables.FIRST_NAME, "Ada\r\nBcc: victim@example.com", "firstName must not contain line breaks"),
                Arguments.of("next line (Cc) in a name", OnboardingProcess.Variables.FIRST_NAME, "Ada\u0085Eve", "firstName must not contain line breaks, control or invisible characters (U+0085 at position 4)"),
                Arguments.of("line separator (Zl) in a name", OnboardingProcess.Variables.LAST_NAME, "Love\u2028lace", "lastName must not contain line breaks, control or invisible characters (U+2028 at position 5)"),
                Arguments.of("paragraph separator (Zp) at the end of a name", OnboardingProcess.Variables.LAST_NAME, "Lovelace\u2029", "(U+2029 at position 9)"),
                Arguments.of("right-to-left override (Cf) in a company", OnboardingProcess.Variables.COMPANY, "Engines \u202Edtl", "company must not contain line breaks, control or invisible characters (U+202E"),
                Arguments.of("zero-width space (Cf) in a name", OnboardingProcess.Variables.FIRST_NAME, "A\u200Bda", "(U+200B at position 2)"),
                Arguments.of("byte order mark (Cf) before a name", OnboardingProcess.Variables.FIRST_NAME, "\uFEFFAda", "(U+FEFF at position 1)"),
                Arguments.of("lone surrogate (Cs) in a name", OnboardingProcess.Variables.FIRST_NAME, "Ada\uD800", "(U+D800 at position 4)"),
                Arguments.of("unassigned code point (Cn) in a company", OnboardingProcess.Variables.COMPANY, "Engines\u0378", "(U+0378 at position 8)"),
                Arguments.of("unknown language", OnboardingProcess.Variables.LANGUAGE, "fr", "language must be en or de"),
                Arguments.of("roles null", OnboardingProcess.Variables.ROLES, null, "roles must name at least one role"),
                Arguments.of("no roles", OnboardingProcess.Variables.ROLES, SpinValues.jsonValue("[]").create(), "roles must name at least one role"),
                Arguments.of("a role no form offers", OnboardingProcess.Variables.ROLES, List.of("portal-user", "superadmin"),
                        "roles has the unknown role \"superadmin\" (known: portal-user, order-viewer, invoice-viewer, company-admin)"),
                Arguments.of("roles as text", OnboardingProcess.Variables.ROLES, "portal-user,superadmin", "roles must be a list of names, not string"),
                Arguments.of("roles as a JSON object", OnboardingProcess.Variables.ROLES, SpinValues.jsonValue("{\"role\":\"portal-user\"}").create(),
                        "roles must be a list of names, not json"),
                Arguments.of("first name as a number", OnboardingProcess.Variables.FIRST_NAME, 42, "firstName must be text, not integer"),
                Arguments.of("first name as a boolean", OnboardingProcess.Variables.FIRST_NAME, true, "firstName must be text, not boolean"),
                Arguments.of("first name as a date", OnboardingProcess.Variables.FIRST_NAME, new Date(), "firstName must be text, not date"),
                Arguments.of("first name as a JSON object", OnboardingProcess.Variables.FIRST_NAME, SpinValues.jsonValue("{\"first\":\"Ada\"}").create(),
                        "firstName must be text, not json"),
                Arguments.of("validity as text", OnboardingProcess.Variables.VALIDITY_DAYS, "7", "validityDays must be a number, not string"),
                Arguments.of("a variable the form does not have", "approved", true, "unknown field \"approved\" (the form has company, email, "),
                Arguments.of("a forged initiator", OnboardingProcess.Variables.STARTED_BY, "admin",
                        "startedBy is the signed-in user who starts, set by the engine; it cannot be sent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void isRefusedWithAClearMessageAndCreatesNothing(String description, String field, Object value, String message) {
        String email = uniqueEmail("invalid");
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(field, value);

        assertRefusedCreatingNothing(email, () -> startOnboarding(form), message);
    }

    @Test
    void aStartWithoutRolesIsRefused() {
        String email = uniqueEmail("no-roles");
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.remove(OnboardingProcess.Variables.ROLES);

        assertRefusedCreatingNothing(email, () -> startOnboarding(form), "roles must name at least one role");
    }

    @Test
    void aSignedInUserCannotNameAnotherAsInitiator() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        String email = uniqueEmail("forged-initiator");
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(OnboardingProcess.Variables.STARTED_BY, "admin");
        processEngine.getIdentityService().setAuthentication(STAFF, List.of(CamundaAccessSetup.STAFF_GROUP));

        assertRefusedCreatingNothing(email, () -> startOnboarding(form), "startedBy is the signed-in user who starts");
    }

    @Test
    void tasklistsEngineApiRefusesAForgedInitiatorAndCreatesNothing() {
        user(STAFF, CamundaAccessSetup.STAFF_GROUP);
        CamundaWebappClient staff = new CamundaWebappClient(port);
        staff.login("tasklist", STAFF, PASSWORD);
        String email = uniqueEmail("forged-http");
        long instancesBefore = processEngine.getHistoryService().createHistoricProcessInstanceQuery().count();

        var response = staff.submitOnboardingStartForm(email, """
                ,
                  "startedBy": {"value": "admin", "type": "String"}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("startedBy is the signed-in user who starts");
        assertThat(contactByEmail(email)).isEmpty();
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().count())
                .isEqualTo(instancesBefore);
    }

    @Test
    void namesAreStoredInNfcAndAnInternationalisedDomainInAscii() {
        String email = "ada-" + System.nanoTime() + "@B\u00FCcher.example";
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(OnboardingProcess.Variables.FIRST_NAME, " Zoe\u0308 "); // e + combining diaeresis
        form.put(OnboardingProcess.Variables.ROLES, SpinValues.jsonValue("[\"portal-user\"]").create()); // as Tasklist sends

        startOnboarding(form);

        String stored = email.toLowerCase().replace("b\u00FCcher.example", "xn--bcher-kva.example");
        assertThat(contactByEmail(stored)).hasValueSatisfying(contact -> {
            assertThat(contact.firstName()).isEqualTo("Zo\u00EB");
            assertThat(contact.roles()).containsExactly("portal-user");
        });
    }

    @Test
    void aRevocationWithABadEmailIsRefused() {
        long before = processEngine.getHistoryService().createHistoricProcessInstanceQuery().count();

        assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(
                OnboardingProcess.REVOKE_PROCESS_KEY, Map.of(OnboardingProcess.Variables.EMAIL,
                        "ada@example.com\r\nWARN forged", OnboardingProcess.Variables.REVOKE_REASON, "wrong person")))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Invalid revocation: email must not contain line breaks, control or invisible characters"
                        + " (U+000D at position 16)");
        assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(
                OnboardingProcess.REVOKE_PROCESS_KEY, Map.of(OnboardingProcess.Variables.EMAIL, "ada@example.com",
                        OnboardingProcess.Variables.REVOKE_REASON, "wrong person", "contactId", "x")))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("unknown field \"contactId\"");
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void aRefusalSpeaksTheLanguageTasklistAsksFor() {
        String email = "ada@ex\u0430mple.com";
        Map<String, Object> form = new HashMap<>(onboardingForm(email));
        form.put(OnboardingProcess.Variables.FIRST_NAME, " ");

        assertThatThrownBy(() -> startOnboarding(form))
                .isInstanceOfSatisfying(RejectedRequestException.class, refusal -> {
                    assertThat(refusal.message("de-DE,de;q=0.9,en;q=0.8")).isEqualTo("Onboarding nicht gestartet: "
                            + "E-Mail ist keine gültige E-Mail-Adresse (der Domainteil \"ex\u0430mple\" mischt Schriften:"
                            + " [cyrillic, latin]); Vorname fehlt");
                    assertThat(refusal.message("en-GB,en;q=0.9,de;q=0.8")).isEqualTo(refusal.getMessage())
                            .isEqualTo("Invalid onboarding request: email must be a valid email address (the domain part"
                                    + " \"ex\u0430mple\" mixes scripts: [cyrillic, latin]); firstName must not be blank");
                    assertThat(refusal.message(null)).isEqualTo(refusal.getMessage());
                    assertThat(refusal.message("fr-FR, not a language range;;")).isEqualTo(refusal.getMessage());
                });
    }

    private void assertRefusedCreatingNothing(String email, Runnable start, String message) {
        long contactsBefore = count("onboarding.contact");
        long invitationsBefore = count("onboarding.invitation");
        long instancesBefore = processEngine.getHistoryService().createHistoricProcessInstanceQuery().count();

        assertThatThrownBy(start::run)
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("Invalid onboarding request: ")
                .hasMessageContaining(message)
                .satisfies(refusal -> assertThat(refusal.getMessage()).doesNotContain("\r", "\n", "\u2028"));

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
