package app.caseload.shared.web;

import app.caseload.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * What the frame of every dashboard page shows (who is signed in, to which practice, which section),
 * for pages that are not a dashboard controller's own: error pages, which would otherwise drop the
 * signed-in header and offer "Sign in" to someone who is signed in.
 */
public interface PageFrame {

    /** The layout's model attributes for this caller (null when nobody is signed in) and request. */
    Map<String, Object> attributes(Caller caller, HttpServletRequest request);
}
