package com.faceid.ledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The faceid-ledger service: HTTP API, read models and persistence around the ledger-core domain. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerApplication {
    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }
}
