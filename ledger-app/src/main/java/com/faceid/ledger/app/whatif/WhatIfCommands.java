package com.faceid.ledger.app.whatif;

import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.error.LedgerException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What-if and advice from the command line, against the configured store (docs/advice.md):
 * <pre>
 * java -jar ledger-app.jar what-if --account=acme [--from=2026-01] [--to=2026-06] [--scenario=file.json]
 *                                  [--format=json|table]
 * java -jar ledger-app.jar advice  --account=acme [--basis-months=3] [--horizon-months=12] [--format=json|table]
 * </pre>
 * The JSON is the HTTP answer's; the table its figures in columns. Exit 0, or 2 with the problem on stderr.
 */
@Component
public class WhatIfCommands implements ApplicationRunner {
    public static final String WHAT_IF = "what-if";
    public static final String ADVICE = "advice";
    /** Exit code of a what-if or advice the ledger refused (bad option, unknown account, scenario it cannot take). */
    public static final int EXIT_REFUSED = 2;

    private final WhatIfService whatIf;
    private final AdviceService advice;
    private final ObjectMapper json;
    private final ConfigurableApplicationContext context;

    public WhatIfCommands(WhatIfService whatIf, AdviceService advice, ObjectMapper json,
                          ConfigurableApplicationContext context) {
        this.whatIf = whatIf;
        this.advice = advice;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> commands = args.getNonOptionArgs();
        if (!commands.contains(WHAT_IF) && !commands.contains(ADVICE)) {
            return;
        }
        String command = commands.contains(WHAT_IF) ? WHAT_IF : ADVICE;
        int code;
        try {
            boolean table = "table".equals(option(args, "format", "json").toLowerCase(Locale.ROOT));
            String account = option(args, "account", null);
            if (account == null) {
                throw ApiException.validation("--account=<accountId> is required");
            }
            if (command.equals(WHAT_IF)) {
                WhatIfView v = whatIf(args, account);
                System.out.println(table ? WhatIfTables.of(v) : json.writeValueAsString(v));
            } else {
                AdviceView v = advice.advise(account, number(args, "basis-months", 3),
                        number(args, "horizon-months", 12));
                System.out.println(table ? WhatIfTables.of(v) : json.writeValueAsString(v));
            }
            code = 0;
        } catch (LedgerException e) {
            System.err.println(command + ": " + e.code() + ": " + e.getMessage());
            code = EXIT_REFUSED;
        } catch (ApiException e) {
            System.err.println(command + ": " + e.code() + ": " + e.getMessage());
            code = EXIT_REFUSED;
        } catch (IOException e) {
            System.err.println(command + ": " + e.getMessage());
            code = EXIT_REFUSED;
        }
        final int exit = code;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    private WhatIfView whatIf(ApplicationArguments args, String account) throws IOException {
        String file = option(args, "scenario", null);
        WhatIfRequest.ScenarioRequest scenario = file == null ? null
                : json.readValue(Files.readString(Path.of(file)), WhatIfRequest.ScenarioRequest.class);
        String from = option(args, "from", null);
        String to = option(args, "to", null);
        long[] shown = {System.nanoTime()};
        // long work shows progress: on stderr, every 2 s, so the JSON on stdout stays clean
        return whatIf.whatIf(account, from == null ? null : Requests.month(from), to == null ? null
                : Requests.month(to), new WhatIfRequest(from, to, scenario).toScenario(), (done, total) -> {
                    if (System.nanoTime() - shown[0] > 2_000_000_000L) {
                        System.err.println("what-if: " + done + " of " + total + " events re-rated");
                        shown[0] = System.nanoTime();
                    }
                });
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    private static int number(ApplicationArguments args, String name, int fallback) {
        String v = option(args, name, null);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.validation("--" + name + " must be a whole number, got '" + v + "'");
        }
    }
}
