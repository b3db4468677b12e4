package dev.portalonboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogValuesTest {

    @Test
    void lineBreaksAndInvisibleCharactersCannotForgeALogLine() {
        assertThat(LogValues.escaped("a\r\nINFO forged\u0085\u2028\u2029\u202e\u200b\ufeff\ud800"))
                .isEqualTo("a\\u000d\\u000aINFO forged\\u0085\\u2028\\u2029\\u202e\\u200b\\ufeff\\ud800");
    }

    @Test
    void ordinaryTextStaysAsItIs() {
        assertThat(LogValues.escaped("Jürgen Müller <jm@example.com>: ok")).isEqualTo("Jürgen Müller <jm@example.com>: ok");
        assertThat(LogValues.escaped(null)).isEqualTo("null");
    }
}
