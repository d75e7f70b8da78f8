package com.faceid.ledger.app.audit;

import com.faceid.ledger.app.security.Caller;
import com.faceid.ledger.app.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import io.swagger.v3.oas.annotations.Parameter;

@RestController
@Tag(name = "Audit")
public record AuditController(AuditService audit) {
    @GetMapping("/api/v1/accounts/{accountId}/events")
    @Operation(operationId = "listEvents")
    public AuditService.EventPage history(@PathVariable String accountId,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                          OffsetDateTime from,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                          OffsetDateTime to,
                                          @RequestParam(required = false) String type,
                                          @Parameter(description = "Only events after"
                                                  + " this sequence number: the next page after one you hold,"
                                                  + " read straight from the index however deep")
                                          @RequestParam(required = false) Long after,
                                          @RequestParam(defaultValue = "0") int page,
                                          @RequestParam(defaultValue = "100") int size,
                                          HttpServletRequest request) {
        return audit.history(accountId, from, to, type, after, page, size, Caller.of(request).role() == Role.CUSTOMER);
    }

    @GetMapping("/api/v1/accounts/{accountId}/calls/{requestId}")
    @Operation(operationId = "explainCall")
    public AuditService.Explanation explain(@PathVariable String accountId, @PathVariable String requestId,
                                            HttpServletRequest request) throws Exception {
        AuditService.Explanation e = audit.explain(accountId, requestId);
        return Caller.of(request).isCustomer() ? e.shownToCustomer() : e;
    }

    @GetMapping("/api/v1/calls/{requestId}")
    @Operation(operationId = "lookUpCall")
    public AuditService.CallLookup lookUp(@PathVariable String requestId) throws Exception {
        return audit.lookup(requestId);
    }
}
