package dev.portalonboarding.bulk;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portalonboarding.support.OnboardingTestBase;

/** What the bulk tests share: the file's header, the bad files, finding a bulk by its rows and running its batches. */
abstract class BulkOnboardingTestBase extends OnboardingTestBase {

    static final String HEADER = "first_name,last_name,email,company,language,roles\n";

    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    /** Files refused as a whole, each with the words of its refusal. */
    static Stream<Arguments> badFiles() {
        String longLine = "Ada,Lovelace,ada@example.com,\"" + "x".repeat(1024 * 1024) + "\",en,\n";
        return Stream.of(
                Arguments.of("an empty file", new byte[0], "the file is empty"),
                Arguments.of("a header without rows", HEADER.getBytes(StandardCharsets.UTF_8), "a header but no rows"),
                Arguments.of("Latin-1 instead of UTF-8", (HEADER + "Jürgen,Müller,jm@example.com,Contoso,de,\n")
                        .getBytes(Charset.forName("ISO-8859-1")), "the file is not UTF-8 encoded"),
                Arguments.of("a missing column", "first_name,last_name,email,company,language\n"
                        .getBytes(StandardCharsets.UTF_8), "the header lacks the column roles"),
                Arguments.of("an unknown column", "first_name,last_name,email,company,language,roles,phone\n"
                        .getBytes(StandardCharsets.UTF_8), "unknown column \"phone\""),
                Arguments.of("data instead of a header", "Ada,Lovelace,ada@example.com,Contoso,en,\n"
                        .getBytes(StandardCharsets.UTF_8), "unknown column \"Ada\""),
                Arguments.of("a 1 MB line", (HEADER + "Grace,Hopper,gh@example.com,Navy,en,\n" + longLine)
                        .getBytes(StandardCharsets.UTF_8), "line 3 is longer than 8192 characters"));
    }

    /** The running bulk onboarding whose file had a row with this email; null until its start has committed. */
    ProcessInstance bulkWithRow(String email) {
        return jdbc.sql("select distinct bulk_id from onboarding.bulk_row where email = :email")
                .param("email", email).query(String.class).optional()
                .map(bulkId -> processEngine.getRuntimeService().createProcessInstanceQuery()
                        .processInstanceId(bulkId).singleResult())
                .orElse(null);
    }

    /** Runs the batch jobs as the job executor would, until the starters are done. */
    void runBatches(ProcessInstance bulk) {
        for (List<Job> jobs = batchJobs(bulk); !jobs.isEmpty(); jobs = batchJobs(bulk)) {
            jobs.forEach(job -> processEngine.getManagementService().executeJob(job.getId()));
        }
    }

    private List<Job> batchJobs(ProcessInstance bulk) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(bulk.getId()).list();
    }

    /** Bulk onboardings ever started, finished ones included: a refused file adds none. */
    long bulksStarted() {
        return processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(BulkOnboardingProcess.PROCESS_KEY).count();
    }

    /** Rows of every bulk onboarding: a refused file adds none. */
    long rowsStored() {
        return jdbc.sql("select count(*) from onboarding.bulk_row").query(Long.class).single();
    }
}
