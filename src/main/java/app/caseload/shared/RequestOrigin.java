package app.caseload.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where the current request comes from. The address is the servlet container's remote address,
 * which honours {@code server.forward-headers-strategy}: with {@code native} Tomcat takes
 * {@code X-Forwarded-For} only from trusted proxies ({@code server.tomcat.remoteip.internal-proxies});
 * with the default ({@code none}) the header is ignored, so a client cannot choose its own address.
 */
public final class RequestOrigin {

    private RequestOrigin() {}

    /** The client address of the request being served on this thread, if any. */
    public static Optional<String> ip() {
        return request().map(HttpServletRequest::getRemoteAddr).map(RequestOrigin::bounded);
    }

    private static Optional<HttpServletRequest> request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest())
                : Optional.empty();
    }

    private static String bounded(String address) {
        return address.length() > 64 ? address.substring(0, 64) : address;
    }
}
