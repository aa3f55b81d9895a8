package app.caseload.fhir;

import app.caseload.accounts.AuthTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The FHIR door: the same bearer tokens as the JSON API ({@link AuthTokens}, so idle expiry,
 * logout and revocation end FHIR access too), stateless, and every refusal an OperationOutcome.
 * Only the CapabilityStatement is public.
 */
@Configuration(proxyBeanMethods = false)
class FhirSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Bean
    @Order(0)
    SecurityFilterChain fhir(HttpSecurity http, AuthTokens tokens, OperationOutcomes outcomes) throws Exception {
        http.securityMatcher("/fhir/**")
                .csrf(csrf -> csrf.disable()) // no cookies are read on this chain, so no CSRF to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .addFilterBefore(new BearerTokens(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/fhir/r4/metadata")
                        .permitAll()
                        .anyRequest()
                        .hasRole("MEMBER"))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> outcomes.write(
                                response,
                                401,
                                IssueType.LOGIN,
                                "Sign in and send the token as 'Authorization: Bearer <token>'."))
                        .accessDeniedHandler((request, response, ex) -> outcomes.write(
                                response,
                                403,
                                IssueType.FORBIDDEN,
                                "Your practice requires a second factor. Set it up at /api/v1/me/mfa/enrol,"
                                        + " then sign in again.")))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .httpStrictTransportSecurity(
                                hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
        return http.build();
    }

    /**
     * {@code Authorization: Bearer <token>} to the request's caller, through the accounts module's
     * face. A token limited to MFA enrolment opens nothing here (403 from the handler above).
     */
    static final class BearerTokens extends OncePerRequestFilter {

        private final AuthTokens tokens;

        BearerTokens(AuthTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = header.substring(7).trim();
                tokens.resolveSignIn(token).ifPresent(signIn -> {
                    var authority =
                            new SimpleGrantedAuthority(signIn.enrolmentOnly() ? "ROLE_MFA_ENROLMENT" : "ROLE_MEMBER");
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            signIn.caller(), token, List.of(authority)));
                    SecurityContextHolder.setContext(context);
                });
            }
            chain.doFilter(request, response);
        }
    }
}
