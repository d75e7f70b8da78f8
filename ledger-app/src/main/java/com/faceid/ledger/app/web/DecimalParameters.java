package com.faceid.ledger.app.web;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Whole-number request parameters ({@code page}, {@code size}, ...) are written in decimal, nothing else: Spring's
 * default conversion also took {@code 0x10} and {@code #10} as 16 (HttpInputProperties found it), a second spelling
 * of every number that no client means. Anything else is {@code 400 VALIDATION_FAILED}, as a word would be.
 */
@ControllerAdvice
public class DecimalParameters {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

    @InitBinder
    void decimalOnly(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, editor(Integer::valueOf, false));
        binder.registerCustomEditor(Integer.class, editor(Integer::valueOf, true));
        binder.registerCustomEditor(long.class, editor(Long::valueOf, false));
        binder.registerCustomEditor(Long.class, editor(Long::valueOf, true));
    }

    private static PropertyEditorSupport editor(Function<String, Object> parse, boolean nullable) {
        return new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                String t = text == null ? "" : text.trim();
                if (t.isEmpty() && nullable) {
                    setValue(null);
                } else if (DECIMAL.matcher(t).matches()) {
                    setValue(parse.apply(t)); // a number too large for the type is a NumberFormatException: a 400
                } else {
                    throw new IllegalArgumentException("not a decimal whole number: " + text);
                }
            }
        };
    }
}
