package com.faceid.ledger.app.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class TomcatConfig {
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
            // TRACE reaches the application, whose first filter (TraceRefused) answers it 405 with a problem document,
            // before any servlet could echo the request back. Refused by the connector it was a 405 without a body.
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
        };
    }
}
