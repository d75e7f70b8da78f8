package com.faceid.ledger.app.integrity;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.limits.FairShare;
import com.faceid.ledger.app.web.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks digests kept outside the ledger against the stored history (docs/audit.md, "Keeping digests outside"):
 * for each, the history up to its sequence is hashed again from the rows (no stored link is trusted) and compared.
 * A digest is {@code {"accountId","sequence","hash"}}, or anything the ledger hands out that carries one: the answer
 * of {@code GET …/digest}, a {@code ledger.digest} webhook body (its {@code data}), a line of the {@code ledger.digest}
 * log (the JSON after {@code digest }). Each account's history is read once, however many of its digests are given.
 */
@Component
public class KeptDigests {
    /** Most digests one check takes (a year of daily digests of 13 accounts); a list this long fits the 1 MB body. */
    public static final int MAX = 5_000;
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public record KeptDigest(String accountId, long sequence, String hash) {
    }

    /** @param inconsistent how many digests the stored history no longer hashes to (or cannot: an event is gone) */
    public record Report(int checked, int consistent, int inconsistent, List<DigestController.DigestCheck> checks) {
    }

    private final HashChain chain;
    private final AccountQueries accounts;
    private final FairShare fairShare;

    public KeptDigests(HashChain chain, AccountQueries accounts, FairShare fairShare) {
        this.chain = chain;
        this.accounts = accounts;
        this.fairShare = fairShare;
    }

    /** A kept digest in any of the shapes the ledger hands out; {@code where} names it in an error. */
    public static KeptDigest parse(JsonNode node, String where) {
        JsonNode d = node != null && node.path("data").isObject() ? node.path("data") : node;
        if (d == null || !d.isObject() || !d.path("accountId").isTextual() || !d.path("sequence").canConvertToLong()
                || !d.path("sequence").isIntegralNumber() || d.path("sequence").asLong() < 0
                || !HASH.matcher(d.path("hash").asText("")).matches()) {
            throw ApiException.validation(where + " is not a digest: it needs \"accountId\" (text), \"sequence\""
                    + " (an integer >= 0) and \"hash\" (64 hex digits), at its top or under \"data\"");
        }
        return new KeptDigest(d.path("accountId").asText(), d.path("sequence").asLong(), d.path("hash").asText());
    }

    /**
     * Digests from lines of text, as kept from the log or one JSON document a line: each non-blank line from its first
     * {@code {}. Lines without one are passed over (a log's other lines); a line with one must be a digest.
     */
    public static List<KeptDigest> parseLines(List<String> lines) {
        List<KeptDigest> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int brace = lines.get(i).indexOf('{');
            if (brace < 0) {
                continue;
            }
            try {
                out.add(parse(JSON.readTree(lines.get(i).substring(brace)), "line " + (i + 1)));
            } catch (IOException e) {
                throw ApiException.validation("line " + (i + 1) + " is not JSON after its first '{'");
            }
        }
        return out;
    }

    /** Checks every digest, in the order given; one read of each account's history. */
    public Report check(List<KeptDigest> kept) {
        if (kept.isEmpty() || kept.size() > MAX) {
            throw ApiException.validation("give 1 to " + MAX + " digests (" + kept.size() + " given)");
        }
        return fairShare.run("a digest check", null, () -> checkNow(kept));
    }

    /** One digest of one account: what {@code GET …/digest/verify} answers. */
    public DigestController.DigestCheck checkOne(KeptDigest digest) {
        return checkNow(List.of(digest)).checks().get(0);
    }

    private Report checkNow(List<KeptDigest> kept) {
        Map<String, TreeSet<Long>> wanted = new LinkedHashMap<>();
        kept.forEach(k -> wanted.computeIfAbsent(k.accountId(), a -> new TreeSet<>()).add(k.sequence()));
        Map<String, Map<Long, String>> recomputed = new LinkedHashMap<>();
        wanted.forEach((account, sequences) -> recomputed.put(account, accounts.find(account).isPresent()
                ? chain.recomputed(account, sequences) : null));
        List<DigestController.DigestCheck> checks = new ArrayList<>();
        int consistent = 0;
        for (KeptDigest k : kept) {
            DigestController.DigestCheck c = judge(k, recomputed.get(k.accountId()));
            checks.add(c);
            consistent += c.consistent() ? 1 : 0;
        }
        return new Report(kept.size(), consistent, kept.size() - consistent, checks);
    }

    private static DigestController.DigestCheck judge(KeptDigest k, Map<Long, String> links) {
        if (links == null) {
            return new DigestController.DigestCheck(k.accountId(), k.sequence(), k.hash(), false,
                    "the ledger has no account " + k.accountId());
        }
        String link = links.get(k.sequence());
        if (link == null) {
            return new DigestController.DigestCheck(k.accountId(), k.sequence(), k.hash(), false,
                    "the history has no event " + k.sequence() + " (or events before it are missing)");
        }
        boolean same = link.equalsIgnoreCase(k.hash());
        return new DigestController.DigestCheck(k.accountId(), k.sequence(), k.hash(), same, same
                ? "the stored history up to event " + k.sequence() + " hashes to this digest: unchanged"
                : "the stored history up to event " + k.sequence() + " hashes to " + link
                + ": something up to there is not what it was when the digest was taken");
    }
}
