package com.faceid.ledger.app.console;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A console test in Chromium: the history a subclass records first ({@link #record}), one browser for the class,
 * each test starting signed out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {
    @LocalServerPort
    int port;
    Browser browser;
    Ledger ledger;

    /** The accounts and calls the class's tests read, recorded through the API before the browser opens. */
    abstract void record();

    @BeforeAll
    void openTheBrowser() {
        ledger = new Ledger(new Http(port));
        record();
        browser = Browser.open(port);
    }

    @BeforeEach
    void signedOut() {
        browser.forget();
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
