package dev.portalonboarding.bulk;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * Reads an uploaded CSV record by record (RFC 4180: comma-separated, fields in double quotes may hold
 * commas, quotes and line breaks). Strict UTF-8 and a cap on the length of a record keep any file
 * in constant memory and turn a wrong encoding or a runaway line into a clear refusal.
 */
final class BulkCsvReader implements Closeable {

    /** Far above a valid row (about 1,100 characters at the field limits), far below a runaway line. */
    static final int MAX_RECORD_CHARS = 8192;

    private static final int END = -1;

    private final PushbackReader in;
    private int line = 1;
    private int recordLine;
    private boolean first = true;

    BulkCsvReader(InputStream csv) {
        // REPORT instead of the default replacement: a Latin-1 or UTF-16 file must fail, not import mojibake
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = new PushbackReader(new BufferedReader(new InputStreamReader(csv, decoder), 64 * 1024), 1);
    }

    /** The next record's fields, skipping blank lines; null at the end of the file. */
    List<String> next() {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean blank = true;
        int length = 0;
        recordLine = line;
        while (true) {
            int c = read();
            if (c == END) {
                if (quoted) {
                    throw refused("line " + recordLine + " opens a quoted field that is never closed.");
                }
                if (blank) {
                    return null;
                }
                fields.add(field.toString());
                return fields;
            }
            if (++length > MAX_RECORD_CHARS) {
                throw refused("line " + recordLine + " is longer than " + MAX_RECORD_CHARS
                        + " characters. Check that it is a CSV file with one user per line.");
            }
            if (quoted) {
                if (c == '"') {
                    int following = read();
                    if (following == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        unread(following);
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.isEmpty()) {
                        quoted = true;
                        blank = false;
                    } else {
                        field.append('"');
                    }
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    blank = false;
                }
                case '\r', '\n' -> {
                    if (c == '\r') {
                        int following = read();
                        if (following != '\n') {
                            unread(following);
                        }
                    }
                    line++;
                    if (blank && field.toString().isBlank()) {
                        field.setLength(0);
                        length = 0;
                        recordLine = line;
                        continue;
                    }
                    fields.add(field.toString());
                    return fields;
                }
                default -> {
                    field.append((char) c);
                    if (!Character.isWhitespace(c)) {
                        blank = false;
                    }
                }
            }
        }
    }

    /** The line the last record started on; the header is line 1. */
    int recordLine() {
        return recordLine;
    }

    private int read() {
        try {
            int c = in.read();
            if (first) {
                first = false;
                if (c == '\uFEFF') { // byte order mark, as Excel writes "CSV UTF-8"
                    c = in.read();
                }
            }
            return c;
        } catch (CharacterCodingException e) {
            // The decoder reads ahead, so the line is not known precisely
            throw refused("the file is not UTF-8 encoded. Save it as \"CSV UTF-8\" and upload it again.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void unread(int c) {
        if (c == END) {
            return;
        }
        try {
            in.unread(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RejectedRequestException refused(String reason) {
        return new RejectedRequestException("Bulk onboarding file refused: " + reason);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
