package dev.portalonboarding.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.api.IdempotencyKeys.Answer;
import dev.portalonboarding.bulk.BulkOnboardingProcess;
import dev.portalonboarding.bulk.BulkRowsCsv;
import dev.portalonboarding.bulk.BulkUploadController.DryRun;
import dev.portalonboarding.bulk.BulkUploads;
import dev.portalonboarding.onboarding.Actor;

/**
 * Bulk onboardings for machine clients: the same process as Tasklist's and the scripts' upload, as the
 * client. The client uploads the CSV file (dry run), reads the per-row verdicts, then decides start or
 * cancel, which completes the dry run's review task as the client; the same client reads each row's
 * result. Another client's bulk is not found.
 */
@RestController
@RequestMapping(ApiPaths.BULK_ONBOARDINGS)
@Tag(name = "Bulk onboardings")
@SecurityRequirement(name = ApiPaths.SECURITY_SCHEME)
public class BulkApiController {

    private final BulkUploads uploads;
    private final BulkRowsCsv rows;
    private final IdempotencyKeys idempotencyKeys;
    private final OnboardingProperties properties;
    private final ObjectMapper json;

    BulkApiController(BulkUploads uploads, BulkRowsCsv rows, IdempotencyKeys idempotencyKeys,
            OnboardingProperties properties, ObjectMapper json) {
        this.uploads = uploads;
        this.rows = rows;
        this.idempotencyKeys = idempotencyKeys;
        this.properties = properties;
        this.json = json;
    }

    @Operation(summary = "Upload a bulk onboarding file (dry run)", description = "Scope onboarding.write. The CSV "
            + "file as the body (UTF-8, header first_name,last_name,email,company,language,roles; at most 15 MB). "
            + "Nothing is started until the start decision.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = DryRun.class)))
    @PostMapping(consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> upload(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))) InputStream csv,
            @Parameter(description = "The invitations' validity, 1 to 30 days (default 7)")
            @RequestParam(required = false) Integer validityDays,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Authentication client) throws IOException {
        byte[] file = csv.readNBytes(BulkOnboardingProcess.MAX_FILE_BYTES + 1);
        Actor actor = ApiClients.actor(client);
        Supplier<Answer> upload = () -> {
            try {
                DryRun dryRun = uploads.upload(actor, new ByteArrayInputStream(file), validityDays,
                        bulkId -> link(bulkId + "/rows"));
                return new Answer(HttpStatus.CREATED.value(), write(dryRun), dryRun.rowsCsv().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Answer answer = idempotencyKey == null ? upload.get() : idempotencyKeys.once(client.getName(), idempotencyKey,
                "bulk-upload", validityDays + "\n" + sha256(file), upload);
        return ApiAnswers.of(answer);
    }

    @Operation(summary = "Read the rows of a bulk onboarding", description = "Scope onboarding.read, the uploading "
            + "client only. CSV: the dry run's verdicts, then each row's result (STARTED with its onboarding, "
            + "SKIPPED with the reason, CANCELLED).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @GetMapping(path = "/{bulkId}/rows", produces = { "text/csv", MediaType.APPLICATION_PROBLEM_JSON_VALUE })
    public void rows(@PathVariable String bulkId, Authentication client, HttpServletResponse response)
            throws IOException {
        ownBulk(client, bulkId);
        rows.write(bulkId, response);
    }

    @Operation(summary = "Start the onboardings of a bulk", description = "Scope onboarding.write, the uploading "
            + "client only: the dry run's start decision. Its valid rows are started in batches.")
    @ApiResponse(responseCode = "204", description = "Decided")
    @PostMapping("/{bulkId}/start")
    public ResponseEntity<Void> start(@PathVariable String bulkId, Authentication client) {
        return decide(client, bulkId, BulkOnboardingProcess.Decision.START);
    }

    @Operation(summary = "Cancel a bulk onboarding", description = "Scope onboarding.write, the uploading client "
            + "only: the dry run's cancel decision. Every row becomes CANCELLED.")
    @ApiResponse(responseCode = "204", description = "Decided")
    @PostMapping("/{bulkId}/cancel")
    public ResponseEntity<Void> cancel(@PathVariable String bulkId, Authentication client) {
        return decide(client, bulkId, BulkOnboardingProcess.Decision.CANCEL);
    }

    private ResponseEntity<Void> decide(Authentication client, String bulkId, String decision) {
        uploads.decide(ownBulk(client, bulkId), bulkId, decision);
        return ResponseEntity.noContent().build();
    }

    /** The client, if the bulk is one it uploaded; otherwise 404, as for a bulk that does not exist. */
    private Actor ownBulk(Authentication client, String bulkId) {
        Actor actor = ApiClients.actor(client);
        if (!uploads.startedBy(actor, bulkId).filter(actor.userId()::equals).isPresent()) {
            throw new ApiNotFoundException("There is no bulk onboarding " + (bulkId.length() > 64 ? "with this id"
                    : bulkId) + " that this client uploaded.");
        }
        return actor;
    }

    private URI link(String path) {
        return URI.create(properties.link(ApiPaths.BULK_ONBOARDINGS + "/" + path));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the answer", e);
        }
    }

    private static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
