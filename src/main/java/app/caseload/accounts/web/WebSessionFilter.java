package app.caseload.accounts.web;

import app.caseload.accounts.AuthTokens;
import app.caseload.accounts.WebSessions;
import app.caseload.shared.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the sign-in token held in the browser's server-side session into the request's
 * {@link Caller}, on every request, through the same {@code AuthTokens.resolve} as the API. Nothing
 * about the caller is kept in the session: status, admin rights and removal apply at once.
 */
class WebSessionFilter extends OncePerRequestFilter {

    private static final List<String> STATIC = List.of("/css/", "/js/", "/webjars/", "/favicon");

    private static final RequestAttributeSecurityContextRepository THIS_REQUEST =
            new RequestAttributeSecurityContextRepository();

    private final WebSessions sessions;

    WebSessionFilter(WebSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return STATIC.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        sessions.resolveSignIn(request).ifPresent(signIn -> {
            authenticate(signIn);
            // Kept on the request too, so the error page of this request (an ERROR dispatch, after
            // this filter has run) still knows who is signed in and keeps their header.
            THIS_REQUEST.saveContext(SecurityContextHolder.getContext(), request, response);
        });
        chain.doFilter(request, response);
    }

    static void authenticate(AuthTokens.SignIn signIn) {
        Caller caller = signIn.caller();
        // An enrolment-only sign-in opens the second-factor set-up page and nothing else.
        var authorities = signIn.enrolmentOnly()
                ? List.of(new SimpleGrantedAuthority("ROLE_MFA_ENROLMENT"))
                : caller.isAdmin()
                        ? List.of(new SimpleGrantedAuthority("ROLE_MEMBER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                        : List.of(new SimpleGrantedAuthority("ROLE_MEMBER"));
        var authentication = UsernamePasswordAuthenticationToken.authenticated(caller, null, authorities);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
    }
}
