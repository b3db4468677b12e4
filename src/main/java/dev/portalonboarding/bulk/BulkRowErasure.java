package dev.portalonboarding.bulk;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.onboarding.ContactErased;

/** Blanks the bulk rows of an erased contact, in the erasure's transaction (a synchronous listener). */
@Component
class BulkRowErasure {

    private final BulkRowRepository rows;

    BulkRowErasure(BulkRowRepository rows) {
        this.rows = rows;
    }

    @EventListener
    void on(ContactErased erased) {
        rows.erase(erased.emails(), ContactRepository.erasedPlaceholder(erased.contactId()));
    }
}
