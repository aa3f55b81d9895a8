package app.caseload.accounts.web;

import app.caseload.accounts.AuthTokens;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

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

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/",
                                "/error",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                "/css/**",
                                "/js/**",
                                "/webjars/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .headers(h -> h.frameOptions(f -> f.deny()));
        SecurityHeaders.apply(http);
        return http.build();
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
