package com.faceid.ledger.app.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Errors Tomcat answers itself, before the application sees the request (an undecodable URI, say), leave
 * as problem+json too, never as an HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = Problems.codeForStatus(status).name();
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer w = response.getReporter();
            if (w != null) {
                w.write("{\"type\":\"https://faceid-ledger.dev/problems/" + code.toLowerCase().replace('_', '-')
                        + "\",\"title\":\"" + code + "\",\"status\":" + status
                        + ",\"detail\":\"the request was refused before it reached the ledger\",\"code\":\"" + code
                        + "\"}");
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing more to say
        }
    }
}
