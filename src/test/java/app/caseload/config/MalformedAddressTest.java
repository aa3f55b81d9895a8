package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An address with a broken percent-escape ({@code %zz}, {@code %%%garbage}) is the sender's mistake:
 * a 400 — an HTML page on the dashboard, a problem on the API — never a 500.
 */
class MalformedAddressTest extends IntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Test
    void dashboardAnswersABadRequestPage() throws Exception {
        Fixtures.Member owner = fixtures().signup("Broken Escapes");
        String cookies = signIn(owner.email());
        for (String path :
                new String[] {"/clients?q=%zz", "/clients?cursor=%%%garbage", "/clients?q=ok&cursor=%E0%A4%A"}) {
            Raw answer = raw(path, "text/html", cookies, null);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.header("content-type")).as(path).startsWith("text/html");
            assertThat(answer.body())
                    .as(path)
                    .contains("That request was not valid")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void apiAnswersABadRequestProblem() throws Exception {
        Fixtures.Member owner = fixtures().signup("Broken Api Escapes");
        for (String path : new String[] {"/api/v1/clients?q=%zz", "/api/v1/clients?cursor=%%%garbage"}) {
            Raw answer = raw(path, "application/json", null, owner.token());
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.header("content-type")).as(path).startsWith("application/problem+json");
            assertThat(answer.body()).as(path).contains("\"status\":400");
        }
    }

    /** Signs in through the dashboard's form; answers the Cookie header of the signed-in session. */
    private String signIn(String email) throws Exception {
        CookieManager jar = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(jar).build();
        String base = "http://127.0.0.1:" + port;
        String form = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/signin"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(form);
        assertThat(csrf.find()).as("CSRF token on the sign-in form").isTrue();
        String body = "_csrf=" + enc(csrf.group(1)) + "&email=" + enc(email) + "&password=" + enc(Fixtures.PASSWORD);
        var signedIn = http.send(
                HttpRequest.newBuilder(URI.create(base + "/signin"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return jar.getCookieStore().getCookies().stream()
                .map(HttpCookie::toString)
                .collect(Collectors.joining("; "));
    }

    record Raw(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return "";
        }
    }

    /** java.net.URI refuses a broken escape, so the request line is written by hand. */
    private Raw raw(String path, String accept, String cookies, String token) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: " + accept + "\r\nConnection: close\r\n");
            if (cookies != null) {
                request.append("Cookie: ").append(cookies).append("\r\n");
            }
            if (token != null) {
                request.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            return new Raw(Integer.parseInt(head.split(" ")[1]), head, text.substring(split + 4));
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
