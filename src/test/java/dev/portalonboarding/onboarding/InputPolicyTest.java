package dev.portalonboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The input policy on its own: normalisation, refused characters by category, emails, quoting. */
class InputPolicyTest {

    @Test
    void valuesAreNfcWithoutSpacesAtEitherEnd() {
        assertThat(InputPolicy.normalised(" Zoe\u0308\u00A0")).isEqualTo("Zo\u00EB");
        assertThat(InputPolicy.normalised("Jean\u00A0Paul")).isEqualTo("Jean\u00A0Paul");
        assertThat(InputPolicy.normalised(null)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Cc: line feed          | 000A",
            "Cc: carriage return    | 000D",
            "Cc: tab                | 0009",
            "Cc: next line          | 0085",
            "Zl: line separator     | 2028",
            "Zp: paragraph separator| 2029",
            "Cf: right-to-left override | 202E",
            "Cf: left-to-right isolate  | 2066",
            "Cf: zero-width space   | 200B",
            "Cf: byte order mark    | FEFF",
            "Cf: soft hyphen        | 00AD",
            "Cs: lone high surrogate| D800",
            "Cs: lone low surrogate | DC00",
            "Cn: unassigned         | 0378"})
    void refusesEachCategoryAnywhereInAText(String category, String hex) {
        String character = String.valueOf((char) Integer.parseInt(hex, 16));
        for (String text : new String[] {character + "Ada", "A" + character + "da", "Ada" + character}) {
            assertThat(InputPolicy.forbiddenCharacter(InputPolicy.normalised(text), false))
                    .as(category + " in " + InputPolicy.quoted(text))
                    .hasValueSatisfying(problem -> assertThat(problem.english()).contains("U+" + hex));
        }
    }

    @Test
    void refusesAnUnassignedAstralCodePointAndAllowsAnAssignedOne() {
        assertThat(InputPolicy.forbiddenCharacter("Ada" + Character.toString(0xE0080), false)).isPresent();
        assertThat(InputPolicy.forbiddenCharacter("Ada \uD83D\uDE00", false)).isEmpty(); // an emoji is a letter-like symbol
    }

    @Test
    void allowsLettersOfEveryScriptAndLineBreaksOnlyInMultiLineText() {
        assertThat(InputPolicy.forbiddenCharacter("Zoë O'Brien-Łukasiewicz, Ünal, 王, Σωκράτης", false)).isEmpty();
        assertThat(InputPolicy.forbiddenCharacter("wrong person\r\nsee ticket 42", true)).isEmpty();
        assertThat(InputPolicy.forbiddenCharacter("wrong person\u2028", true)).isPresent();
        assertThat(InputPolicy.forbiddenCharacter("wrong\tperson", true)).isPresent();
    }

    @Test
    void quotesValuesSoTheyCannotBreakALine() {
        assertThat(InputPolicy.quoted("x\r\nERROR forged \"line\"\u2028\uD800"))
                .isEqualTo("\"x\\u000D\\u000AERROR forged \\u0022line\\u0022\\u2028\\uD800\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "Ada.Lovelace+portal@mail.example.co.uk", "o'brien@example.ie",
            "ada@bücher.example", "ada@xn--bcher-kva.example", "ada@пример.рф", "ada@例え.jp", "ada@123.example"})
    void acceptsAddresses(String email) {
        assertThat(InputPolicy.emailProblem(email)).isEmpty();
        assertThat(email).matches(InputPolicy.EMAIL_PATTERN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada.example.com", "ada@localhost", "ada@@example.com", "ada lovelace@example.com",
            "ada@exa mple.com", "ada@example..com", "ada@.example.com", "ada@example.com.", "ada@exa_mple.com",
            "zoë@example.com", "ada@exa\u00A0mple.com", "ada@exa\u3000mple.com", "ada@xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.com"})
    void refusesMalformedAddresses(String email) {
        assertThat(InputPolicy.emailProblem(email)).hasValueSatisfying(
                problem -> assertThat(problem.english()).startsWith(InputPolicy.INVALID_EMAIL));
    }

    @ParameterizedTest
    @CsvSource({"ada\u200B@example.com, U+200B", "ada@exa\u202Emple.com, U+202E", "ada@example.com\uFEFF, U+FEFF",
            "ada\u2066@example.com, U+2066", "ada@example.com\u0085, U+0085"})
    void refusesInvisibleAndBidiCharactersInAddresses(String email, String codePoint) {
        assertThat(InputPolicy.emailProblem(email)).hasValueSatisfying(
                problem -> assertThat(problem.english()).startsWith(InputPolicy.FORBIDDEN_CHARACTER).contains(codePoint));
    }

    @Test
    void refusesDomainLabelsThatMixScripts() {
        // A Cyrillic "а" (U+0430) among Latin letters, as Unicode and as the punycode it becomes
        assertThat(InputPolicy.emailProblem("ada@ex\u0430mple.com")).hasValue(new Problem(
                "must be a valid email address (the domain part \"ex\u0430mple\" mixes scripts: [cyrillic, latin])",
                "ist keine gültige E-Mail-Adresse (der Domainteil \"ex\u0430mple\" mischt Schriften: [cyrillic, latin])"));
        assertThat(InputPolicy.emailProblem("ada@xn--exmple-4nf.com")).hasValueSatisfying(
                problem -> assertThat(problem.english()).contains("mixes scripts"));
        // Digits and hyphens go with any script; scripts may differ between labels
        assertThat(InputPolicy.emailProblem("ada@пример-2.com")).isEmpty();
        // Han with kana is how Japanese is written, Han with Hangul Korean (UTS #39, highly restrictive)
        assertThat(InputPolicy.emailProblem("ada@例え.jp")).isEmpty();
        assertThat(InputPolicy.emailProblem("ada@한국어漢字.kr")).isEmpty();
        assertThat(InputPolicy.emailProblem("ada@例えа.jp")).isPresent();
    }

    @Test
    void storesAddressesInLowerCaseWithTheDomainInAscii() {
        assertThat(InputPolicy.canonicalEmail("Ada@Bücher.Example")).isEqualTo("ada@xn--bcher-kva.example");
        assertThat(InputPolicy.canonicalEmail("ADA@EXAMPLE.COM")).isEqualTo("ada@example.com");
        assertThat(InputPolicy.canonicalEmail("Not An Email")).isEqualTo("not an email");
        // An identity provider may report the domain in Unicode and another case
        assertThat(InputPolicy.sameEmail("Ada@BÜCHER.example", "ada@xn--bcher-kva.example")).isTrue();
        assertThat(InputPolicy.sameEmail("eve@bücher.example", "ada@xn--bcher-kva.example")).isFalse();
        assertThat(InputPolicy.sameEmail(null, "ada@example.com")).isFalse();
    }

    @Test
    void theEmailPatternUsesOnlyWhatJavaAndJavaScriptReadAlike() {
        // No \s, \w, \b, \p, groups with (?…) or class intersections: their meaning differs or JavaScript lacks them
        assertThat(InputPolicy.EMAIL_PATTERN).doesNotContain("\\s", "\\w", "\\b", "\\p", "(?", "&&")
                .startsWith("^").endsWith("$");
        Pattern.compile(InputPolicy.EMAIL_PATTERN);
    }
}
