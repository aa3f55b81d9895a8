package app.caseload.config;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The servlet filters of operations, in this order around everything else: Boot's request
 * observation (metrics) first, then the request log line, then the 503 for a database outage (so
 * both see the final status), then the buffer that sends an API answer in one write, and, once the
 * security filters know the caller, the caller's ids.
 */
@Configuration(proxyBeanMethods = false)
class WebOperations {

    @Bean
    FilterRegistrationBean<RequestLog.Lines> requestLogFilter() {
        FilterRegistrationBean<RequestLog.Lines> registration = new FilterRegistrationBean<>(new RequestLog.Lines());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter() {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                new FilterRegistrationBean<>(new DatabaseUnavailableFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** Outside Spring Security's chain, whose header writer sees the flushes first. */
    @Bean
    FilterRegistrationBean<WholeApiResponses> wholeApiResponsesFilter() {
        FilterRegistrationBean<WholeApiResponses> registration = new FilterRegistrationBean<>(new WholeApiResponses());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    /**
     * Tomcat writes to the socket from a buffer of its own per connection, 8 KB by default: a 19 KB
     * client list went out in three writes even once whole. 32 KB sends a page of 50 clients in one;
     * it costs 32 KB of heap per open connection (8 MB for 250 of them).
     */
    @Bean
    TomcatConnectorCustomizer socketWritesOfAPage() {
        return connector -> connector.setProperty("socket.appWriteBufSize", String.valueOf(32 * 1024));
    }

    /** After Spring Security's filter chain (order -100), so the caller is known. */
    @Bean
    FilterRegistrationBean<RequestLog.CallerIds> callerIdsFilter() {
        FilterRegistrationBean<RequestLog.CallerIds> registration =
                new FilterRegistrationBean<>(new RequestLog.CallerIds());
        registration.setOrder(0);
        return registration;
    }
}
