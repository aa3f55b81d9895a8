package app.caseload.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
 * Who may scrape {@code /actuator/prometheus}: whoever sends {@code Authorization: Bearer <token>}
 * with the token set in {@code caseload.metrics.scrape-token}, and nobody else (not practice admins:
 * the metrics cover the whole server, every practice). Without a token configured the endpoint
 * refuses every request. The metrics carry no personal data: route templates, statuses, counts.
 */
@Configuration(proxyBeanMethods = false)
class MetricsAccess {

    /** {@code caseload.metrics.scrape-token}: the bearer token Prometheus sends; unset means no scraping. */
    @ConfigurationProperties("caseload.metrics")
    record MetricsProperties(String scrapeToken) {}

    @Bean
    @Order(0)
    SecurityFilterChain prometheus(HttpSecurity http, MetricsProperties properties) throws Exception {
        http.securityMatcher("/actuator/prometheus")
                .csrf(csrf -> csrf.disable()) // no cookies are read here
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .addFilterBefore(new ScrapeToken(properties.scrapeToken()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("METRICS"))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> refuse(response))
                        .accessDeniedHandler((request, response, ex) -> refuse(response)));
        return http.build();
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
        response.setContentType("application/problem+json");
        response.getWriter()
                .write("{\"type\":\"/problems/not-signed-in\",\"title\":\"Not signed in\",\"status\":401,"
                        + "\"detail\":\"Send the scrape token as 'Authorization: Bearer <token>'.\"}");
    }

    static final class ScrapeToken extends OncePerRequestFilter {

        private final byte[] expected;

        ScrapeToken(String token) {
            this.expected = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (expected != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(expected, given)) { // constant time
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            "prometheus", null, List.of(new SimpleGrantedAuthority("ROLE_METRICS"))));
                    SecurityContextHolder.setContext(context);
                }
            }
            chain.doFilter(request, response);
        }
    }
}
