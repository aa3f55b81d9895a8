package app.caseload.accounts.web;

import app.caseload.accounts.AuthTokens;
import app.caseload.accounts.WebSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Two doors: the JSON API ({@code /api/**}) is stateless and takes bearer tokens; everything else
 * is the web dashboard with a cookie session and CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthTokens tokens) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable()) // no cookies are read on this chain, so no CSRF to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/signup",
                                "/api/v1/auth/login",
                                "/api/v1/auth/login/mfa",
                                "/api/v1/auth/password-reset",
                                "/api/v1/auth/password-reset/confirm",
                                "/api/v1/invitations/preview",
                                "/api/v1/invitations/accept",
                                "/api/v1/invitations/decline")
                        .permitAll()
                        .requestMatchers("/api/v1/me/mfa/**", "/api/v1/me/mfa", "/api/v1/auth/logout")
                        .hasAnyRole("MEMBER", "MFA_ENROLMENT")
                        .requestMatchers(HttpMethod.GET, "/api/v1/me")
                        .hasAnyRole("MEMBER", "MFA_ENROLMENT")
                        .anyRequest()
                        .hasRole("MEMBER"))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> problem(
                                response,
                                401,
                                "not-signed-in",
                                "Not signed in",
                                "Sign in and send the token as 'Authorization: Bearer <token>'."))
                        .accessDeniedHandler(new ApiAccessDenied()));
        SecurityHeaders.apply(http);
        return http.build();
    }

    /**
     * The web dashboard. The session holds only a sign-in token, which {@link WebSessionFilter}
     * resolves through {@link AuthTokens} on every request; the security context is never stored
     * in the session. CSRF tokens live in the session and are rotated at sign-in.
     */
    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, WebSessions sessions) throws Exception {
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setSessionAttributeName(WebSessions.CSRF_TOKEN);
        http.securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .requestCache(c -> c.disable())
                .addFilterBefore(new WebSessionFilter(sessions), AnonymousAuthenticationFilter.class)
                .logout(logout -> logout.logoutUrl("/signout")
                        .addLogoutHandler((request, response, authentication) -> sessions.signOut(request))
                        .logoutSuccessUrl("/signed-out?reason=signout"))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/",
                                "/start",
                                "/signin",
                                "/signed-out",
                                "/password-reset",
                                "/password-reset/confirm",
                                "/invitations/accept",
                                "/invitations/decline",
                                "/error",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                "/css/**",
                                "/js/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/favicon.svg",
                                "/signin/code")
                        .permitAll()
                        .requestMatchers("/account/mfa", "/account/mfa/**", "/signout")
                        .hasAnyRole("MEMBER", "MFA_ENROLMENT")
                        .requestMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .hasRole("MEMBER"))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            Object ended = request.getAttribute(WebSessions.ENDED);
                            redirect(
                                    request,
                                    response,
                                    ended instanceof WebSessions.Ended why
                                            ? "/signed-out?reason=" + why.name().toLowerCase(Locale.ROOT)
                                            : "/signin");
                        })
                        .accessDeniedHandler((request, response, ex) -> {
                            if (!(ex instanceof CsrfException) && enrolmentOnly()) {
                                // The practice requires a second factor: set it up before anything else.
                                redirect(request, response, "/account/mfa");
                            } else if (ex instanceof CsrfException
                                    && request.getRequestedSessionId() != null
                                    && !request.isRequestedSessionIdValid()) {
                                // The form outlived its session: say so, rather than "forbidden".
                                redirect(request, response, "/signed-out?reason=idle");
                            } else {
                                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                            }
                        }))
                .headers(h -> h.frameOptions(f -> f.deny()));
        SecurityHeaders.apply(http);
        return http.build();
    }

    /** A redirect that htmx follows with a full page load instead of swapping it into a fragment. */
    static void redirect(HttpServletRequest request, HttpServletResponse response, String path)
            throws java.io.IOException {
        String target = request.getContextPath() + path;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            response.sendRedirect(target);
        }
    }

    private static boolean enrolmentOnly() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return authentication != null
                && authentication.getAuthorities().stream()
                        .anyMatch(a -> "ROLE_MFA_ENROLMENT".equals(a.getAuthority()));
    }

    static void problem(HttpServletResponse response, int status, String type, String title, String detail)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter()
                .write("{\"type\":\"/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail.replace("\"", "\\\"") + "\"}");
    }
}
