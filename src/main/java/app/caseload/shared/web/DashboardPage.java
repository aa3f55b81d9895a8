package app.caseload.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * Marks a controller of the web dashboard (HTML pages), as opposed to the JSON API. Refusals from
 * these become pages and in-place messages, never problem documents, and the page layout's model
 * (who is signed in, which practice) is added to them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface DashboardPage {}
