package com.faceid.ledger.app.account;

import io.swagger.v3.oas.annotations.media.Schema;
import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.account.SwitchPostpaid;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import com.faceid.ledger.app.security.RequestContext;
import java.time.Duration;

@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts")
public record AccountController(Commands commands, AccountQueries accounts, ServiceBalances balances,
        AccountService accountViews, ReadModels readModels, Clock clock, LedgerProperties props) {
    public record OpenAccountRequest(
            @NotBlank @Size(max = Requests.ACCOUNT_ID_MAX) @Pattern(regexp = Requests.ACCOUNT_ID_PATTERN) String accountId,
            @Schema(nullable = true) OffsetDateTime openedAt,
            @Schema(nullable = true) Boolean postpaidEnabled) {
    }

    public record PostpaidRequest(@NotNull Boolean enabled) {
    }

    public record PostpaidView(String accountId, boolean postpaidEnabled) {
    }

    @PostMapping
    @Operation(operationId = "openAccount")
    public ResponseEntity<AccountView> open(@Valid @RequestBody OpenAccountRequest req) {
        Instant now = clock.instant();
        // never after the clock (billing-rules §9): no skew allowed; the aggregate decides the month rule
        Instant openedAt = Requests.reported("openedAt", req.openedAt(), now, Duration.ZERO);
        commands.send(new OpenAccount(req.accountId(), openedAt, props.zone(),
                req.postpaidEnabled() == null || req.postpaidEnabled(), now));
        readModels.await(() -> accounts.find(req.accountId()).isPresent()
                && balances.of(req.accountId(), now).values().stream()
                .mapToInt(ServiceBalances.Balance::packages).sum() >= 3); // the free grants
        return ResponseEntity.status(HttpStatus.CREATED).body(accountViews.view(req.accountId()));
    }

    @GetMapping
    @Operation(operationId = "listAccounts")
    public AccountService.AccountPage list(@RequestParam(required = false) String prefix,
                                           @RequestParam(required = false) String q,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "20") int size) {
        return accountViews.page(prefix, q, page, size);
    }

    @GetMapping("/{accountId}")
    @Operation(operationId = "getAccount")
    public AccountView get(@PathVariable String accountId) {
        return accountViews.view(accountId);
    }

    @PutMapping("/{accountId}/postpaid")
    @Operation(operationId = "switchPostpaid")
    public PostpaidView postpaid(@PathVariable String accountId, @Valid @RequestBody PostpaidRequest req) {
        accounts.require(accountId);
        commands.send(new SwitchPostpaid(accountId, req.enabled(), clock.instant(),
                RequestContext.actor()));
        readModels.await(() -> accounts.require(accountId).postpaidEnabled() == req.enabled());
        return new PostpaidView(accountId, req.enabled());
    }
}
