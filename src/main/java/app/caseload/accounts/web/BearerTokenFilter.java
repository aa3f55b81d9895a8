package app.caseload.accounts.web;

import app.caseload.accounts.AuthTokens;
import app.caseload.shared.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <token>} into the request's {@link Caller}. A missing,
 * unknown, expired or revoked token leaves the request anonymous, and the API's entry point
 * answers 401.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private final AuthTokens tokens;

    public BearerTokenFilter(AuthTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            tokens.resolveSignIn(token).ifPresent(signIn -> authenticate(signIn, token));
        }
        chain.doFilter(request, response);
    }

    private static void authenticate(AuthTokens.SignIn signIn, String token) {
        Caller caller = signIn.caller();
        // An enrolment-only token (MFA required, not yet set up) opens the enrolment endpoints only.
        var authorities = signIn.enrolmentOnly()
                ? List.of(new SimpleGrantedAuthority("ROLE_MFA_ENROLMENT"))
                : caller.isAdmin()
                        ? List.of(new SimpleGrantedAuthority("ROLE_MEMBER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                        : List.of(new SimpleGrantedAuthority("ROLE_MEMBER"));
        var authentication = UsernamePasswordAuthenticationToken.authenticated(caller, token, authorities);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
    }
}
