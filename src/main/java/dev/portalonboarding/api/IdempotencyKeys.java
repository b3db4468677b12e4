package dev.portalonboarding.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.portalonboarding.SqlTimestamps;
import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * A client's retried write with the same Idempotency-Key gets the first answer and does nothing again,
 * on any node: the key is claimed in the transaction of the write it guards (the engine joins it). A
 * concurrent retry's claim waits on the primary key until the first commits, then reads its answer; if
 * the first rolls back (a refused request), the retry runs as if it were the first. Kept
 * {@code onboarding.api.idempotency-retention} (24 h).
 */
@Component
class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    static final int MAX_KEY_LENGTH = 255;

    /** What the first request answered, replayed to its retries. */
    record Answer(int status, String body, String location) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final ApiProperties properties;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, PlatformTransactionManager transactions, ApiProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs {@code write} once per client and key: the first time in one transaction with the claim, later
     * with the same request its stored answer; another request under the key is refused (422).
     */
    Answer once(String clientId, String key, String operation, String request, Supplier<Answer> write) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new RejectedRequestException("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters, such as a UUID.");
        }
        String requestHash = sha256(operation + "\n" + request);
        return transaction.execute(status -> {
            Instant now = clock.instant();
            jdbc.sql("delete from onboarding.api_idempotency_key where client_id = :client and idempotency_key = :key"
                    + " and created_at < :cutoff")
                    .param("client", clientId).param("key", key)
                    .param("cutoff", SqlTimestamps.timestamp(now.minus(properties.idempotencyRetention())))
                    .update();
            if (claim(clientId, key, requestHash, now)) {
                Answer answer = write.get();
                jdbc.sql("""
                        update onboarding.api_idempotency_key
                           set response_status = :status, response_body = :body, response_location = :location
                         where client_id = :client and idempotency_key = :key
                        """)
                        .param("status", answer.status()).param("body", answer.body())
                        .param("location", answer.location())
                        .param("client", clientId).param("key", key)
                        .update();
                return answer;
            }
            Stored stored = jdbc.sql("select * from onboarding.api_idempotency_key"
                    + " where client_id = :client and idempotency_key = :key")
                    .param("client", clientId).param("key", key)
                    .query((rs, row) -> new Stored(rs.getString("request_hash"), new Answer(rs.getInt("response_status"),
                            rs.getString("response_body"), rs.getString("response_location"))))
                    .single();
            if (!stored.requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException();
            }
            return stored.answer();
        });
    }

    /** Claims the key in a savepoint: a taken key rolls back only the claim, not the transaction. */
    private boolean claim(String clientId, String key, String requestHash, Instant now) {
        try {
            return Optional.ofNullable(savepoint.execute(status -> jdbc.sql("""
                    insert into onboarding.api_idempotency_key
                        (client_id, idempotency_key, request_hash, response_status, response_body, created_at)
                    values (:client, :key, :hash, 0, '', :now)
                    """)
                    .param("client", clientId).param("key", key).param("hash", requestHash)
                    .param("now", SqlTimestamps.timestamp(now))
                    .update() == 1)).orElse(false);
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** Hourly; every node may run it, each old key is deleted once. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    int deleteExpired() {
        int deleted = jdbc.sql("delete from onboarding.api_idempotency_key where created_at < :cutoff")
                .param("cutoff", SqlTimestamps.timestamp(clock.instant().minus(properties.idempotencyRetention())))
                .update();
        if (deleted > 0) {
            log.info("Deleted {} idempotency keys older than {}", deleted, properties.idempotencyRetention());
        }
        return deleted;
    }

    private record Stored(String requestHash, Answer answer) {
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key was used for another request: 422. */
    static class IdempotencyKeyReusedException extends RuntimeException {
        IdempotencyKeyReusedException() {
            super("This Idempotency-Key was used for another request; send a new key for a new request.");
        }
    }
}
