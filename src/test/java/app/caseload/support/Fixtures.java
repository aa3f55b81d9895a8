package app.caseload.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Builds practices and members the way users do: through the API and the invitation email. */
public final class Fixtures {

    public static final String PASSWORD = "correct horse battery staple";
    private static final Pattern LINK = Pattern.compile("/invitations/accept\\?token=([A-Za-z0-9_.\\-]+)");

    private final Api api;
    private final GreenMail mail;

    Fixtures(Api api, GreenMail mail) {
        this.api = api;
        this.mail = mail;
    }

    /** A signed-in member: what a client of the API holds. */
    public record Member(String token, String memberId, String practiceId, String email) {}

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** Founds a new practice; the founder is an Active admin. */
    public Member signup(String practiceName) {
        String email = uniqueEmail("owner");
        JsonNode body = api.post(
                        "/api/v1/signup",
                        Map.of(
                                "practiceName",
                                practiceName,
                                "fullName",
                                "Olivia Owner",
                                "email",
                                email,
                                "password",
                                PASSWORD))
                .expect(201)
                .json();
        return new Member(
                body.path("token").asString(),
                body.path("memberId").asString(),
                body.path("practiceId").asString(),
                email);
    }

    public String roleId(Member admin, String roleName) {
        for (JsonNode role :
                api.as(admin.token()).get("/api/v1/roles").expect(200).json().path("items")) {
            if (role.path("name").asString().equals(roleName)) {
                return role.path("id").asString();
            }
        }
        throw new AssertionError("No role named " + roleName);
    }

    /** Invites and waits until the invitation's mail has arrived. */
    public JsonNode invite(Member admin, String fullName, String email, String roleName) {
        long before = mailCount(email);
        JsonNode invitation = api.as(admin.token())
                .post(
                        "/api/v1/invitations",
                        Map.of("fullName", fullName, "email", email, "roleId", roleId(admin, roleName)))
                .expect(201)
                .json();
        awaitMail(email, (int) before + 1);
        return invitation;
    }

    /** Invites, reads the link out of the received mail, and accepts with a new password. */
    public Member join(Member admin, String fullName, String roleName) {
        String email = uniqueEmail(fullName.toLowerCase().replaceAll("[^a-z]", ""));
        invite(admin, fullName, email, roleName);
        String token = invitationToken(email);
        JsonNode accepted = api.post("/api/v1/invitations/accept", Map.of("token", token, "password", PASSWORD))
                .expect(200)
                .json();
        return new Member(
                accepted.path("token").asString(),
                accepted.path("memberId").asString(),
                accepted.path("practiceId").asString(),
                email);
    }

    /** Registers a direct client (born 1990-04-01) of {@code therapist} through the API; answers its id. */
    public String directClient(Member by, String fullName, Member therapist) {
        return api.as(by.token())
                .post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName",
                                fullName,
                                "dateOfBirth",
                                "1990-04-01",
                                "kind",
                                "DIRECT",
                                "therapistId",
                                therapist.memberId()))
                .expect(201)
                .field("id");
    }

    /** Waits for the newest invitation mail to this address and returns the token of its link. */
    public String invitationToken(String email) {
        Matcher link = LINK.matcher(GreenMailUtil.getBody(awaitMail(email, 1)).replace("=\r\n", ""));
        if (!link.find()) {
            throw new AssertionError("No invitation link in the mail to " + email);
        }
        return link.group(1);
    }

    /** Waits until at least {@code count} mails reached the address; answers the newest. */
    public MimeMessage awaitMail(String email, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            MimeMessage[] received = Arrays.stream(mail.getReceivedMessages())
                    .filter(m -> recipientIs(m, email))
                    .toArray(MimeMessage[]::new);
            if (received.length >= count) {
                return received[received.length - 1];
            }
            sleep(100);
        }
        throw new AssertionError("No mail #" + count + " to " + email + " within 20 seconds");
    }

    public long mailCount(String email) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipientIs(m, email))
                .count();
    }

    private static boolean recipientIs(MimeMessage message, String email) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().contains(email));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
