package dev.portalonboarding.invitation;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Redemption codes: the HMAC-SHA256 of an invitation id and the email's purpose under the server's
 * secret, 256 bits in base64url in the link. Derived, not drawn at random, so a retried send (SMTP
 * accepted, the transaction did not commit) mails the very code the first attempt mailed. Only the
 * SHA-256 of a code is stored and looked up; a code is never logged.
 */
public final class InvitationCode {

    /** Which email of an invitation a code is for; each has its own code. */
    public enum Purpose {
        INVITATION, REMINDER;

        /** The name in the HMAC input and in the email's Message-ID. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** HMAC-SHA256 keys shorter than its 32-byte output would weaken the codes. */
    public static final int MIN_SECRET_BYTES = 32;
    /** 32 bytes in unpadded base64url are exactly 43 characters. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String ALGORITHM = "HmacSHA256";

    /**
     * The code of one email of one invitation. A resend is a new invitation (a new id), so its codes
     * are new and the earlier ones die with the revoked invitation.
     */
    public static String derive(byte[] secret, Purpose purpose, UUID invitationId) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The code secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            byte[] input = ("portal-onboarding/invitation-code/" + purpose.label() + "/" + invitationId)
                    .getBytes(StandardCharsets.US_ASCII);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }

    public static boolean isWellFormed(String code) {
        return code != null && WELL_FORMED.matcher(code).matches();
    }

    /** Hex SHA-256: enough for a 256-bit code, and lets the database look codes up by index. */
    public static String hash(String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(code.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private InvitationCode() {
    }
}
