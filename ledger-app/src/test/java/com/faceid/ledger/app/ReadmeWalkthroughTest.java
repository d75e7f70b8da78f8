package com.faceid.ledger.app;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Contract;
import com.faceid.ledger.app.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs README.md's "A walk-through with curl" as written, with bash and curl, against a ledger started with
 * the README's own clock arguments: every curl must answer below 400, so the walk-through cannot break
 * silently (with the date, or with a change of the API). Only the base URL and the key are the test's.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.test.context=readme-walkthrough", "ledger.clock.start=" + ReadmeWalkthroughTest.START})
@ActiveProfiles("test")
class ReadmeWalkthroughTest {
    static final String START = "2026-03-12T12:00:00+08:00";
    static final String SECTION = "## A walk-through with curl";
    /** The API document's examples: real answers of this walk-through (web.ApiDocument attaches them). */
    static final Path EXAMPLES = Path.of("src", "main", "resources", "openapi-examples.json");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    @LocalServerPort
    int port;

    static List<String> bashBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void theWalkThroughRunsAsWrittenOnTheClockItStartsWith() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int at = readme.indexOf(SECTION);
        assertThat(at).as("README has the section " + SECTION).isPositive();
        String section = readme.substring(at, readme.indexOf("\n## ", at + SECTION.length()));
        List<String> blocks = bashBlocks(section);
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0)).as("the start command of the walk-through").contains("--ledger.clock=simulated")
                .contains("--ledger.clock.start=" + START);
        String walk = blocks.get(1);
        long curls = walk.lines().filter(l -> l.matches("^(curl .*|.*; curl .*)")).mapToLong(l ->
                Pattern.compile("(^|; )curl ").matcher(l).results().count()).sum();
        assertThat(curls).isGreaterThan(20);

        // curl as the reader runs it, with the test's key and port, failing the script on any status >= 400;
        // every answer is kept, to be checked against the API document below
        Path answers = Files.createTempDirectory("walkthrough-answers");
        String prelude = """
                set -eu -o pipefail
                ANSWERS=%s; N=0
                curl() {
                  local args=() out code method=GET url=""
                  for a in "$@"; do args+=("${a//http:\\/\\/localhost:8080/http://127.0.0.1:%d}"); done
                  for a in "${args[@]}"; do
                    case "$a" in -X*) method=${a#-X};; http://*) url=$a;; esac
                  done
                  N=$((N + 1))
                  out=$(command curl -sS -H "Authorization: Bearer %s" -D "$ANSWERS/$N.head" -o "$ANSWERS/$N.body" \\
                    -w '%%{http_code}' "${args[@]}")
                  code=$out
                  echo "$method $url $code" > "$ANSWERS/$N.meta"
                  echo "$code ${args[*]}" >&2
                  cat "$ANSWERS/$N.body"; echo
                  if [ "$code" -ge 400 ]; then echo "FAILED with $code: ${args[*]}" >&2; return 1; fi
                }
                """.formatted(answers, port, Http.OPERATOR);
        Path script = Files.createTempFile("walkthrough", ".sh");
        Files.writeString(script, prelude + walk);
        Path err = Files.createTempFile("walkthrough", ".err");
        Process p = new ProcessBuilder("bash", script.toString()).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(err);
        assertThat(p.exitValue()).as(log + "\n" + out).isZero();
        assertThat(log.lines().filter(l -> l.matches("^[0-9]{3} .*")).count()).as(log).isEqualTo(curls);

        // every answer the reader gets is what the API document says; the first JSON answer of each operation
        // is the document's example of it (written with -Dledger.openapi.write=true, see docs/api.md)
        String base = "http://127.0.0.1:" + port;
        Map<String, Map<String, JsonNode>> examples = new TreeMap<>();
        for (long n = 1; n <= curls; n++) {
            String[] meta = Files.readString(answers.resolve(n + ".meta")).trim().split(" ");
            String contentType = Files.readAllLines(answers.resolve(n + ".head")).stream()
                    .filter(h -> h.toLowerCase().startsWith("content-type:")).map(h -> h.substring(13).trim())
                    .findFirst().orElse("");
            String body = Files.readString(answers.resolve(n + ".body"));
            java.net.URI uri = java.net.URI.create(meta[1]);
            Contract.check(base, meta[0], uri, Integer.parseInt(meta[2]), contentType, body);
            if (contentType.startsWith("application/json")) {
                examples.computeIfAbsent(Contract.operationOf(base, meta[0], uri.getRawPath()), k -> new TreeMap<>())
                        .putIfAbsent(meta[2], JSON.readTree(body));
            }
        }
        assertThat(examples).containsKeys("openAccount", "buyPackage", "meterCall", "meterCalls", "getQuota",
                "getStatement", "explainCall");
        if (Boolean.getBoolean("ledger.openapi.write")) {
            Map<String, String> stable = new java.util.HashMap<>();
            examples.values().forEach(byStatus -> byStatus.values().forEach(e -> settle(e, stable)));
            Files.writeString(EXAMPLES, JSON.writeValueAsString(examples) + "\n");
        }

        // what the walk-through says the reader sees
        assertThat(out).contains("\"duplicate\":true", "\"chargedTo\":\"FREE\"",
                "\"differences\":[]", "\"month\":\"2026-03\"");
    }

    /**
     * The values of an answer that differ from run to run (event ids, correlation ids, the real time a replay
     * ran, whether its processor is still replaying when the walk-through asks) become fixed ones, the same original always the same replacement, so refreshing the document twice
     * writes it the same (scripts/refresh-openapi.sh).
     */
    private static void settle(JsonNode node, Map<String, String> stable) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.has("processors")
                && o.has("status")) {
            // a replay's progress, read a moment after it started: running or just done, as the machine allows;
            // the example shows it running, each processor where the head is
            o.put("status", "RUNNING");
            o.putNull("finishedAt");
            o.path("processors").forEach(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p)
                    .put("position", p.path("head").asLong()));
        }
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if (v.isTextual() && (name.equals("eventId") || name.equals("correlationId"))) {
                    o.put(name, stable.computeIfAbsent(name + "/" + v.textValue(), k -> String.format(
                            "01a2511f-0000-7000-8000-%012d", stable.size() + 1)));
                } else if (name.equals("replaying") && v.isBoolean()) {
                    // read a moment after the replay started: its processor may or may not have caught up yet
                    o.put(name, true);
                } else if (v.isTextual() && (name.equals("startedAt") || name.equals("finishedAt"))
                        && v.textValue().endsWith("Z")) { // a replay's real times (ledger times carry an offset)
                    o.put(name, "2026-12-01T00:00:00Z");
                } else {
                    settle(v, stable);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(e -> settle(e, stable));
        }
    }
}
