package dev.portalonboarding.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.portalonboarding.onboarding.RejectedRequestException;

/** The header of a bulk file and the roles cell, without the application. */
class BulkColumnTest {

    @Test
    void columnsMayComeInAnyOrderAndSpelling() {
        assertThat(BulkColumn.positions(List.of("Email", " First Name ", "last-name", "COMPANY", "language", "roles")))
                .containsEntry(BulkColumn.EMAIL, 0)
                .containsEntry(BulkColumn.FIRST_NAME, 1)
                .containsEntry(BulkColumn.LAST_NAME, 2)
                .containsEntry(BulkColumn.ROLES, 5);
    }

    @Test
    void refusesUnknownRepeatedAndMissingColumns() {
        assertThatThrownBy(() -> BulkColumn.positions(List.of("email", "phone")))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Bulk onboarding file refused: unknown column \"phone\" in the header. The header must be: "
                        + "first_name,last_name,email,company,language,roles");
        assertThatThrownBy(() -> BulkColumn.positions(List.of("email", " EMAIL ")))
                .hasMessage("Bulk onboarding file refused: the column email appears twice in the header.");
        assertThatThrownBy(() -> BulkColumn.positions(List.of("email", "first_name", "last_name", "company")))
                .hasMessageStartingWith("Bulk onboarding file refused: the header lacks the columns language, roles.");
    }

    @Test
    void rolesAreSeparatedBySemicolonsOrSpaces() {
        assertThat(BulkRowValidation.roles("portal-user;order-viewer")).containsExactly("portal-user", "order-viewer");
        assertThat(BulkRowValidation.roles(" portal-user ; order-viewer  invoice-viewer;"))
                .containsExactly("portal-user", "order-viewer", "invoice-viewer");
        assertThat(BulkRowValidation.roles(" ; ")).isEmpty();
        assertThat(BulkRowValidation.roles("")).isEmpty();
    }
}
