package dev.portalonboarding.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Where a trace of a person (an email, a name, an IP address) is left in the database, in any case. */
public final class DatabaseTraces {

    private final JdbcClient jdbc;

    public DatabaseTraces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** "schema.table.column" of every text column of the app's schema holding the trace. */
    public List<String> inAppTables(String trace) {
        return textColumnsContaining("onboarding", "%", trace);
    }

    /**
     * The same over every column of the engine's history and runtime tables (business keys, task names
     * and descriptions, variables and details, user operation values, incidents, jobs and job logs) and its
     * byte arrays (stack traces, serialized variables).
     */
    public List<String> inEngineTables(String trace) {
        List<String> found = new ArrayList<>();
        for (String table : List.of("act_hi_%", "act_ru_%", "act_ge_bytearray")) {
            found.addAll(textColumnsContaining("public", table, trace));
        }
        return found;
    }

    private List<String> textColumnsContaining(String schema, String table, String trace) {
        List<Map<String, Object>> columns = jdbc.sql("""
                select table_name, column_name, data_type from information_schema.columns
                 where table_schema = :schema and table_name like :table
                   and data_type in ('character varying', 'text', 'character', 'bytea')
                """).param("schema", schema).param("table", table).query().listOfRows();
        if (columns.isEmpty()) {
            throw new IllegalStateException("No text columns in " + schema + "." + table + ": nothing was searched");
        }
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String name = schema + "." + column.get("table_name") + "." + column.get("column_name");
            String text = "bytea".equals(column.get("data_type")) ? "encode(" + column.get("column_name") + ", 'escape')"
                    : column.get("column_name").toString();
            Long hits = jdbc.sql("select count(*) from " + schema + "." + column.get("table_name") + " where lower("
                    + text + ") like :trace").param("trace", "%" + trace.toLowerCase() + "%")
                    .query(Long.class).single();
            if (hits > 0) {
                found.add(name);
            }
        }
        return found;
    }
}
