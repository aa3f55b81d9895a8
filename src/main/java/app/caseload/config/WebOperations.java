package app.caseload.config;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The servlet filters of operations, in this order around everything else: Boot's request
 * observation (metrics) first, then the request log line, then the 503 for a database outage (so
 * both see the final status), and, once the security filters know the caller, the caller's ids.
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

    /** After Spring Security's filter chain (order -100), so the caller is known. */
    @Bean
    FilterRegistrationBean<RequestLog.CallerIds> callerIdsFilter() {
        FilterRegistrationBean<RequestLog.CallerIds> registration =
                new FilterRegistrationBean<>(new RequestLog.CallerIds());
        registration.setOrder(0);
        return registration;
    }
}
