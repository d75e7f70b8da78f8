package com.faceid.ledger.app.integrity;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Tamper evidence for the people who hold a digest (docs/audit.md): the head of an account's hash chain, and
 * whether the history up to a digest someone kept still hashes to it.
 */
@RestController
@Tag(name = "Audit")
public record DigestController(HashChain chain, AccountQueries accounts, ChainBackfill backfill, KeptDigests kept) {
    public record Digest(String accountId, long sequence, String hash, OffsetDateTime at) {
    }

    public record DigestCheck(String accountId, long sequence, String hash, boolean consistent, String detail) {
    }

    /** Progress of the one-time backfill of history stored before the chain existed. */
    public record BackfillStatus(
            @Schema(allowableValues = {"NOT_STARTED", "RUNNING", "DONE", "FAILED"}) String status,
            int accountsDone, int accountsTotal, long linksAdded) {
    }

    @GetMapping("/api/v1/accounts/{accountId}/digest")
    @Operation(operationId = "getDigest")
    public Digest digest(@PathVariable String accountId) {
        var account = accounts.require(accountId);
        HashChain.Link head = chain.head(accountId).orElseThrow(() -> new ApiException(HttpError.NOT_FOUND,
                "account " + accountId + " has no events"));
        return new Digest(accountId, head.sequence(), head.hash(), Json.time(head.at(), account.zone()));
    }

    @GetMapping("/api/v1/accounts/{accountId}/digest/verify")
    @Operation(operationId = "verifyDigest")
    public DigestCheck verify(@PathVariable String accountId, @RequestParam long sequence, @RequestParam String hash) {
        accounts.require(accountId);
        if (sequence < 0 || !hash.matches("[0-9a-fA-F]{64}")) {
            throw ApiException.validation("sequence must be >= 0 and hash 64 hex digits (SHA-256)");
        }
        return kept.checkOne(new KeptDigests.KeptDigest(accountId, sequence, hash));
    }

    /**
     * @param digests each {@code {"accountId","sequence","hash"}}, or a kept {@code ledger.digest} webhook body, log
     *                line's JSON or {@code GET …/digest} answer as it is
     */
    public record DigestList(@ArraySchema(schema = @Schema(implementation = KeptDigests.KeptDigest.class,
            description = "A kept digest; a kept ledger.digest webhook body, log line's JSON or digest answer is"
                    + " taken as it is")) List<JsonNode> digests) {
    }

    @PostMapping("/api/v1/admin/verify/digests")
    @Operation(operationId = "verifyKeptDigests")
    public KeptDigests.Report verifyKept(@RequestBody DigestList body) {
        if (body == null || body.digests() == null) {
            throw ApiException.validation("digests is required: a list of kept digests");
        }
        if (body.digests().size() > KeptDigests.MAX) {
            throw ApiException.validation("give 1 to " + KeptDigests.MAX + " digests (" + body.digests().size()
                    + " given)");
        }
        List<KeptDigests.KeptDigest> list = new ArrayList<>();
        for (int i = 0; i < body.digests().size(); i++) {
            list.add(KeptDigests.parse(body.digests().get(i), "digests[" + i + "]"));
        }
        return kept.check(list);
    }

    @GetMapping("/api/v1/admin/chain")
    @Operation(operationId = "getChainBackfill")
    public BackfillStatus backfillStatus() {
        return backfill.status();
    }
}
