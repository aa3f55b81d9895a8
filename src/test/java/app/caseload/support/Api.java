package app.caseload.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the JSON API, as an outside client would call it. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;
    private final String forwardedFor;

    public Api(String base) {
        this(base, null, null);
    }

    private Api(String base, String token, String forwardedFor) {
        this.base = base;
        this.token = token;
        this.forwardedFor = forwardedFor;
    }

    /** The same client, sending {@code Authorization: Bearer token}. */
    public Api as(String token) {
        return new Api(base, token, forwardedFor);
    }

    /** The same client, as if from this address (tests trust X-Forwarded-For from loopback). */
    public Api from(String address) {
        return new Api(base, token, address);
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    /** Sends a raw body as is: for malformed-input tests. */
    public Response sendRaw(String method, String path, String rawBody, String contentType) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(rawBody));
        return execute(request.build());
    }

    /** Sends bytes as they are (a file upload, a body in another encoding). */
    public Response sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return execute(request.build());
    }

    /** A GET with one extra header (for example X-Forwarded-Proto). */
    public Response sendWithHeader(String path, String header, String value) {
        return execute(request(path).header(header, value).GET().build());
    }

    public Response send(String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        HttpRequest.Builder request = request(path).method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return execute(request.build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return builder;
    }

    private static Response execute(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {

        public JsonNode json() {
            return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
        }

        public String field(String name) {
            return json().path(name).asString();
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** Asserts the status, showing the body when it differs. */
        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }

        /** The problem type's last segment, e.g. "last-active-admin". */
        public String problemType() {
            String type = json().path("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }
}
