package com.faceid.ledger.app.console;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/console.md shows every page the browser tests visit, at both widths, from screenshots that exist. */
class ConsoleDocsTest {
    /**
     * Pages shot outside ConsoleBrowserTest.PAGES: signed out, those WebhookPagesTest visits, and the postpaid
     * switch's confirmation (OperatorActionsBrowserTest).
     */
    static final List<String> OTHER_PAGES = List.of("sign-in", "webhooks", "webhook", "postpaid-confirm");

    @Test
    void everyPageIsShownAtALaptopsAndAPhonesWidth() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "console.md"));
        List<String> pages = new ArrayList<>(ConsoleBrowserTest.PAGES.keySet());
        pages.addAll(OTHER_PAGES);
        for (String page : pages) {
            for (int width : Browser.WIDTHS) {
                String image = "console/" + page + "-" + width + ".png";
                assertThat(doc).as("docs/console.md shows " + image).contains("src=\"" + image + "\"");
                assertThat(Path.of("..", "docs", image)).as(image).isRegularFile();
            }
        }
    }
}
