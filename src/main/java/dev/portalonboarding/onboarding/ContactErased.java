package dev.portalonboarding.onboarding;

import java.util.Set;
import java.util.UUID;

/**
 * Published, in the approval's transaction, when a contact's personal data is erased: modules that keep
 * copies of it (bulk rows) erase theirs in the same transaction. {@code emails} are the person's
 * addresses, lower-cased: the contact's and its identities'.
 */
public record ContactErased(UUID contactId, Set<String> emails) {
}
