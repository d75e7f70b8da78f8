package com.faceid.ledger.app.console;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.security.ApiKey;
import com.faceid.ledger.app.security.ApiKeys;
import com.faceid.ledger.app.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Optional;

/**
 * Sign-in exchanges an API key for a server-side session (the key itself is not kept: only its id, role and
 * account); sign-out ends it. A session found at sign-in is ended and a new one made, so a session planted before
 * it is worthless. At most {@code ledger.console.max-sessions} live on a node at once.
 */
@Controller
public record SignInController(ApiKeys keys, LedgerProperties props, ConsoleSessions sessions) {
    /** The form; an anonymous visit makes no session (its CSRF token is bound to a cookie, not to server state). */
    @GetMapping("/console/sign-in")
    String form(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("csrf", sessions.signInToken(request, response));
        return "console/sign-in";
    }

    @PostMapping("/console/sign-in")
    String signIn(@RequestParam(defaultValue = "") String apiKey, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        Optional<ApiKey> key = apiKey.isBlank() || apiKey.length() > 512 ? Optional.empty() : keys.find(apiKey.trim());
        if (key.isEmpty() || key.get().role() == Role.METER) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            model.addAttribute("csrf", sessions.signInToken(request, response));
            model.addAttribute("error", key.isEmpty() ? "That key is not known to this ledger."
                    : "A METER key only meters calls: it cannot open the console.");
            return "console/sign-in";
        }
        HttpSession before = request.getSession(false);
        if (before != null) { // a session planted or left before this sign-in is never reused
            before.invalidate();
        } else if (!sessions.roomForASession()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "60");
            model.addAttribute("csrf", sessions.signInToken(request, response));
            model.addAttribute("error", "This node has as many console sessions as it keeps"
                    + " (ledger.console.max-sessions). Try again in a minute, or sign out elsewhere.");
            return "console/sign-in";
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(ConsoleUser.SESSION_ATTRIBUTE,
                new ConsoleUser(key.get().keyId(), key.get().role(), key.get().accountId()));
        session.setAttribute(ConsoleSessions.CSRF_ATTRIBUTE, ConsoleSessions.newToken());
        session.setMaxInactiveInterval((int) props.console().idleTimeout().toSeconds());
        return "redirect:/console";
    }

    @PostMapping("/console/sign-out")
    String signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/console/sign-in";
    }
}
