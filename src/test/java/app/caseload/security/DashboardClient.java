package app.caseload.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser of the web dashboard over plain HTTP: its session cookie, the CSRF token of the last
 * page it was shown (sent with every form), and the client address it comes from. Redirects are
 * not followed, so that a test sees where each answer sends the browser.
 */
public final class DashboardClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final Pattern INPUT_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final String address;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;
    private boolean replaying;

    DashboardClient(String base, String address) {
        this.base = base;
        this.address = address;
    }

    /** What the server answered: status, body and, for a redirect, the path it sends the browser to. */
    public record Answer(int status, String body, String location) {

        public boolean redirect() {
            return status >= 300 && status < 400 && location != null;
        }

        /** The page as a person reads it: text without tags, spaces collapsed. */
        public String text() {
            return body.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        }
    }

    /** A browser that has opened the sign-in page: it holds a session and a CSRF token, nobody is signed in. */
    public static DashboardClient anonymous(String base, String address) {
        DashboardClient browser = new DashboardClient(base, address);
        browser.get("/signin");
        return browser;
    }

    /**
     * Signs in through the sign-in form, then opens a light page so that the new session's CSRF
     * token (rotated at sign-in) is known.
     */
    public DashboardClient signIn(String email, String password) {
        get("/signin");
        Answer signedIn = post("/signin", Map.of("email", email, "password", password));
        if (signedIn.status() != 302 || !"/home".equals(signedIn.location())) {
            throw new AssertionError("Sign-in of " + email + " answered " + signedIn.status() + " "
                    + signedIn.location() + "\n" + signedIn.body());
        }
        get("/account/mfa");
        return this;
    }

    /**
     * From now on this browser keeps sending the cookies it holds, whatever the server sets or
     * deletes: someone replaying the session cookie of an ended sign-in.
     */
    DashboardClient replayingCookies() {
        replaying = true;
        return this;
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    /** A form POST with this browser's CSRF token. */
    public Answer post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.put("_csrf", csrf);
        }
        String encoded = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html")
                .header("X-Forwarded-For", address);
        if (!cookies.isEmpty()) {
            builder.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String header : replaying ? List.<String>of() : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        String body = response.body() == null ? "" : response.body();
        Matcher token = META_TOKEN.matcher(body);
        if (token.find()) {
            csrf = token.group(1);
        } else {
            Matcher input = INPUT_TOKEN.matcher(body);
            if (input.find()) {
                csrf = input.group(1);
            }
        }
        String location =
                response.headers().firstValue("Location").map(this::path).orElse(null);
        return new Answer(response.statusCode(), body, location);
    }

    /** The path (and query) of a redirect target, whether the server sent it absolute or relative. */
    private String path(String location) {
        URI uri = URI.create(location);
        if (uri.getScheme() == null) {
            return location;
        }
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
