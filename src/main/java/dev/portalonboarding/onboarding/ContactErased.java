package dev.portalonboarding.onboarding;

import java.util.Set;
import java.util.UUID;

/**
 * Published, in the approval's transaction, when a contact's personal data is erased: modules that keep
 * copies of it (bulk rows, webhook events not yet delivered) erase theirs in the same transaction.
 * {@code emails} are the person's addresses, lower-cased: the contact's and its identities'.
 * {@code processInstanceIds} are the processes that were about the contact (its onboardings,
 * revocations, resends, offboardings, this erasure), as the engine history erasure found them: what
 * other modules' copies name them by (a webhook event's subject is its onboarding's id).
 */
public record ContactErased(UUID contactId, Set<String> emails, Set<String> processInstanceIds) {
}
