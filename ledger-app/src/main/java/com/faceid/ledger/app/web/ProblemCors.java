package com.faceid.ledger.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

import java.io.IOException;

/**
 * The API allows no cross-origin request (no CORS configuration: a browser page of another site gets nothing).
 * Spring refuses such a preflight with a plain-text "Invalid CORS request"; every handler mapping here refuses it
 * with a problem document instead, as every other refusal is.
 */
@Component
public class ProblemCors implements BeanPostProcessor {
    private final ObjectProvider<ObjectMapper> json;

    public ProblemCors(ObjectProvider<ObjectMapper> json) {
        this.json = json;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractHandlerMapping mapping) {
            mapping.setCorsProcessor(new Refusal());
        }
        return bean;
    }

    private final class Refusal extends DefaultCorsProcessor {
        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            json.getObject().writeValue(response.getBody(), Problems.of(HttpError.FORBIDDEN,
                    "cross-origin requests are not allowed: call the API from a server, not another site's page"));
            response.flush();
        }
    }
}
