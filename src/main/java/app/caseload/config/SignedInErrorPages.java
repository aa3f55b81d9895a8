package app.caseload.config;

import app.caseload.shared.Caller;
import app.caseload.shared.web.PageFrame;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.ModelAndView;

/**
 * Error pages keep the signed-in header: someone who meets a 403, 404 or 500 is still signed in,
 * and the page says so instead of offering "Sign in" (which made people think they were signed
 * out). Used for the container's error pages (an unknown address) and for refusals a dashboard
 * page turned into the error page ({@link PageErrorHandling}).
 */
@Component
class SignedInErrorPages implements ErrorViewResolver {

    private final ObjectProvider<PageFrame> frame;

    SignedInErrorPages(ObjectProvider<PageFrame> frame) {
        this.frame = frame;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Map<String, Object> page = new LinkedHashMap<>(model);
        page.putAll(frameOf(request));
        return new ModelAndView("error", page, status);
    }

    /** Adds the frame (who is signed in) to an error page's model. */
    void addFrame(Model model, HttpServletRequest request) {
        model.addAllAttributes(frameOf(request));
    }

    private Map<String, Object> frameOf(HttpServletRequest request) {
        PageFrame pageFrame = frame.getIfAvailable();
        if (pageFrame == null) {
            return Map.of();
        }
        try {
            return pageFrame.attributes(signedIn(), request);
        } catch (RuntimeException e) {
            // The frame is a courtesy: an error page must render even when it cannot be had.
            return Map.of();
        }
    }

    private static Caller signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? caller : null;
    }
}
