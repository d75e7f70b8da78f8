package com.faceid.ledger.app.console;

import org.springframework.stereotype.Component;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tier's bounds in words for the console ("calls 1–1,000 of the month"), from the range a statement records
 * ("(0, 1000]" where a bound belongs to the tier below, "[1000, 5000)" where it belongs to the tier above): the
 * words come from what the event recorded, so a closed month reads as it was priced whatever today's convention.
 * Pages call it as {@code ${@tierWords.of(range)}}.
 */
@Component("tierWords")
public class TierWords {
    private static final Pattern RANGE = Pattern.compile("([(\\[])(\\d+), (\\d+|∞)([)\\]])");

    public String of(String range) {
        if (range == null) {
            return "";
        }
        Matcher m = RANGE.matcher(range);
        if (!m.matches()) {
            return range; // not a range this class knows: shown as recorded rather than guessed at
        }
        long lower = Long.parseLong(m.group(2));
        long first = m.group(1).equals("(") ? lower + 1 : Math.max(lower, 1);
        if (m.group(3).equals("∞")) {
            return "calls " + EventSentences.count(first) + " and beyond of the month";
        }
        long upper = Long.parseLong(m.group(3));
        long last = m.group(4).equals("]") ? upper : upper - 1;
        return "calls " + EventSentences.count(first) + "–" + EventSentences.count(last) + " of the month";
    }
}
