package com.faceid.ledger.app.account;

import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Limits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
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

import java.time.OffsetDateTime;

@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts")
public record AccountController(AccountOpening opening, AccountService accountViews) {
    public record OpenAccountRequest(
            @NotBlank @Size(max = Limits.ACCOUNT_ID_MAX) @Pattern(regexp = Requests.ACCOUNT_ID_PATTERN) String accountId,
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
        return ResponseEntity.status(HttpStatus.CREATED).body(opening.open(req.accountId(), req.openedAt(),
                req.postpaidEnabled()));
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
        opening.switchPostpaid(accountId, req.enabled());
        return new PostpaidView(accountId, req.enabled());
    }
}
