package dev.portalonboarding.bulk;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.onboarding.OnboardingEligibility;
import dev.portalonboarding.onboarding.OnboardingProcess.ContactCheck;
import dev.portalonboarding.onboarding.OnboardingRequest;
import dev.portalonboarding.onboarding.OnboardingRequestValidator;

/**
 * The dry run: reads the file as a stream, gives every row a verdict and stores it. Rows are checked
 * and written in chunks, so memory grows only with the set of emails seen (for duplicates).
 */
@Component
class BulkRowValidation {

    private static final int CHUNK = 500;
    /** Stored values are cut to the column size; they only serve to find the row in the reports. */
    private static final int STORED_LENGTH = 1000;

    private final OnboardingRequestValidator validator;
    private final ContactRepository contacts;
    private final OnboardingEligibility eligibility;
    private final BulkRowRepository rows;

    BulkRowValidation(OnboardingRequestValidator validator, ContactRepository contacts,
            OnboardingEligibility eligibility, BulkRowRepository rows) {
        this.validator = validator;
        this.contacts = contacts;
        this.eligibility = eligibility;
        this.rows = rows;
    }

    /**
     * Stores a verdict for every row and counts them; refuses the whole file (storing nothing, since it
     * runs in the start's transaction) if it is empty, not UTF-8, has a bad header or an over-long line.
     */
    Map<BulkVerdict, Integer> validate(String bulkId, InputStream csv) {
        Map<BulkVerdict, Integer> counts = new EnumMap<>(BulkVerdict.class);
        Arrays.stream(BulkVerdict.values()).forEach(verdict -> counts.put(verdict, 0));
        try (BulkCsvReader reader = new BulkCsvReader(csv)) {
            List<String> header = reader.next();
            if (header == null) {
                throw BulkCsvReader.refused("the file is empty. The first line must be the header: "
                        + BulkColumn.expectedHeader());
            }
            Map<BulkColumn, Integer> columns = BulkColumn.positions(header);
            Map<String, Integer> firstLineOfEmail = new HashMap<>();
            List<BulkRow> chunk = new ArrayList<>(CHUNK);
            for (List<String> record = reader.next(); record != null; record = reader.next()) {
                chunk.add(verdict(bulkId, reader.recordLine(), columns, header.size(), record, firstLineOfEmail));
                if (chunk.size() == CHUNK) {
                    store(chunk, counts);
                }
            }
            store(chunk, counts);
        }
        if (counts.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw BulkCsvReader.refused("the file has a header but no rows.");
        }
        return counts;
    }

    private BulkRow verdict(String bulkId, int line, Map<BulkColumn, Integer> columns, int width, List<String> record,
            Map<String, Integer> firstLineOfEmail) {
        Function<BulkColumn, String> value = column -> {
            int position = columns.get(column);
            return position < record.size() ? record.get(position) : null;
        };
        String roles = value.apply(BulkColumn.ROLES);
        OnboardingRequest request = OnboardingRequest.normalised(value.apply(BulkColumn.FIRST_NAME),
                value.apply(BulkColumn.LAST_NAME), value.apply(BulkColumn.EMAIL), value.apply(BulkColumn.COMPANY),
                value.apply(BulkColumn.LANGUAGE), roles == null ? List.of() : roles(roles));

        List<String> problems = new ArrayList<>();
        if (record.size() != width) {
            problems.add("the line has " + record.size() + " fields, the header " + width);
        }
        problems.addAll(validator.problems(request));
        BulkVerdict verdict = BulkVerdict.VALID;
        String detail = null;
        if (!problems.isEmpty()) {
            verdict = BulkVerdict.INVALID;
            detail = String.join("; ", problems);
        } else {
            Integer first = firstLineOfEmail.putIfAbsent(request.email(), line);
            if (first != null) {
                verdict = BulkVerdict.DUPLICATE;
                detail = "same email as line " + first;
            }
        }
        return new BulkRow(bulkId, line, stored(request.email()), stored(request.firstName()),
                stored(request.lastName()), stored(request.company()), stored(request.language()),
                stored(String.join(";", request.roles())), verdict,
                verdict == BulkVerdict.VALID ? BulkRowStatus.PENDING : BulkRowStatus.SKIPPED, stored(detail), null);
    }

    /** Checks the chunk's valid rows against existing contacts and running onboardings, then stores it. */
    private void store(List<BulkRow> chunk, Map<BulkVerdict, Integer> counts) {
        Map<String, Contact> existing = contacts.findByEmails(chunk.stream()
                        .filter(row -> row.verdict() == BulkVerdict.VALID).map(BulkRow::email).toList())
                .stream().collect(Collectors.toMap(Contact::email, Function.identity()));
        Map<UUID, ContactCheck> checks = eligibility.check(existing.values(), null);
        List<BulkRow> checked = chunk.stream().map(row -> {
            Contact contact = existing.get(row.email());
            if (row.verdict() != BulkVerdict.VALID || contact == null) {
                return row;
            }
            return switch (checks.get(contact.id())) {
                case ALREADY_ACTIVE -> refused(row, BulkVerdict.ALREADY_ACTIVE,
                        "already belongs to an active portal user");
                case ALREADY_RUNNING -> refused(row, BulkVerdict.ALREADY_RUNNING,
                        "an onboarding is already running (process instance "
                                + contact.onboardingProcessInstanceId() + ")");
                case READY -> row;
            };
        }).toList();
        rows.insertAll(checked);
        checked.forEach(row -> counts.merge(row.verdict(), 1, Integer::sum));
        chunk.clear();
    }

    private static BulkRow refused(BulkRow row, BulkVerdict verdict, String detail) {
        return new BulkRow(row.bulkId(), row.lineNumber(), row.email(), row.firstName(), row.lastName(), row.company(),
                row.language(), row.roles(), verdict, BulkRowStatus.SKIPPED, detail, null);
    }

    /** Roles in the file are separated by semicolons or spaces, since commas separate the columns. */
    static List<String> roles(String value) {
        return Arrays.stream(value.split("[;\\s]+")).filter(role -> !role.isEmpty()).toList();
    }

    private static String stored(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= STORED_LENGTH ? value : value.substring(0, STORED_LENGTH);
    }
}
