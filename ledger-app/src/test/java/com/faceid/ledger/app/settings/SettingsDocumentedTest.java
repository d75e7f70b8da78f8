package com.faceid.ledger.app.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/operations.md lists every {@code ledger.*} setting with the default {@code LedgerProperties} gives it.
 * The settings and defaults are read from the metadata the configuration processor writes at build time
 * ({@code META-INF/spring-configuration-metadata.json}), so a setting added, renamed or given a new default
 * without the table fails here.
 */
class SettingsDocumentedTest {
    @Test
    void everyLedgerSettingIsInTheTableWithItsDefault() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's metadata").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> table = Files.readAllLines(Path.of("..", "docs", "operations.md")).stream()
                .filter(l -> l.startsWith("| `ledger.")).toList();
        List<String> wrong = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode p : metadata.path("properties")) {
            String name = p.path("name").asText();
            if (!name.startsWith("ledger.")) {
                continue;
            }
            names.add(name);
            Optional<String> row = table.stream().filter(l -> l.startsWith("| `" + name + "` |")).findFirst();
            if (row.isEmpty()) {
                wrong.add(name + ": not in docs/operations.md, Configuration");
                continue;
            }
            String defaultCell = row.get().substring(row.get().lastIndexOf('|', row.get().length() - 2));
            for (String value : defaults(p.path("defaultValue"))) {
                if (!defaultCell.contains(value)) {
                    wrong.add(name + ": the table's default " + defaultCell + " is not " + value);
                }
            }
        }
        assertThat(names).contains("ledger.zone", "ledger.hold-ttl", "ledger.as-of-checkpoint-events",
                "ledger.demo.days", "ledger.billable-result-codes");
        assertThat(wrong).isEmpty();
    }

    private static List<String> defaults(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        } else if (value.asText().startsWith("[") && value.asText().endsWith("]")) { // a list, as the processor writes it
            String inner = value.asText().substring(1, value.asText().length() - 1);
            out.addAll(List.of(inner.split(", ")));
        } else if (!value.isMissingNode() && !value.isNull() && !value.asText().isEmpty()) {
            out.add(value.asText());
        }
        return out;
    }
}
