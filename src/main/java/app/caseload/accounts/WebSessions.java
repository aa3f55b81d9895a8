package app.caseload.accounts;

import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Web sign-ins. A browser holds only its session cookie; the server-side session (Spring Session,
 * in PostgreSQL) holds an {@link AuthTokens} sign-in token, and every request resolves that token
 * afresh. So idle expiry, sign-out, and a member made Inactive or removed end a web session
 * exactly as they end an API token: one mechanism for both.
 */
@Component
public class WebSessions {

    /** Session attributes: plain strings, so a stored session survives any class change. */
    static final String TOKEN = "caseload.signIn.token";

    static final String MEMBER = "caseload.signIn.member";

    /** The session attribute of the web chain's CSRF token, dropped at sign-in so it is rotated. */
    public static final String CSRF_TOKEN = "caseload.csrf";

    /** Request attribute: why this request's sign-in has just ended (an {@link Ended}). */
    public static final String ENDED = "caseload.signIn.ended";

    /** Why a web sign-in ended without the person signing out. */
    public enum Ended {
        /** Unused for longer than the idle timeout (or its session expired). */
        IDLE,
        /** The member was made Inactive. */
        INACTIVE,
        /** The member was removed from the practice, or the sign-in was revoked otherwise. */
        REMOVED,
        /** The account's password was reset, which ends every sign-in. */
        PASSWORD_RESET
    }

    private final AuthTokens tokens;
    private final MembershipDirectory memberships;
    private final AuthProperties properties;

    WebSessions(AuthTokens tokens, MembershipDirectory memberships, AuthProperties properties) {
        this.tokens = tokens;
        this.memberships = memberships;
        this.properties = properties;
    }

    /**
     * Signs the browser in with a freshly issued token: a new session id (against session
     * fixation), a new CSRF token, and any earlier sign-in of this browser revoked.
     */
    public void signIn(HttpServletRequest request, AuthTokens.IssuedToken token, Caller caller) {
        signIn(request, token, caller.practiceId(), caller.memberId());
    }

    /** As {@link #signIn(HttpServletRequest, AuthTokens.IssuedToken, Caller)}, for a member known by id. */
    public void signIn(HttpServletRequest request, AuthTokens.IssuedToken token, PracticeId practice, MemberId member) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            if (existing.getAttribute(TOKEN) instanceof String previous) {
                tokens.revoke(previous);
            }
            existing.removeAttribute(CSRF_TOKEN);
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(TOKEN, token.token());
        session.setAttribute(MEMBER, practice.value() + "/" + member.value());
    }

    /**
     * The caller this browser is signed in as, resolved through {@link AuthTokens#resolve} on this
     * request. When the sign-in has ended, the session is discarded and the reason is left in the
     * request attribute {@link #ENDED}.
     */
    public Optional<Caller> resolve(HttpServletRequest request) {
        return resolveSignIn(request).filter(signIn -> !signIn.enrolmentOnly()).map(AuthTokens.SignIn::caller);
    }

    /**
     * Like {@link #resolve}, but also answers a sign-in that may only set up a second factor (the
     * practice requires one and the member has none yet), marked as such.
     */
    public Optional<AuthTokens.SignIn> resolveSignIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
                // The session itself timed out: the same idle timeout as the token.
                request.setAttribute(ENDED, Ended.IDLE);
            }
            return Optional.empty();
        }
        if (!(session.getAttribute(TOKEN) instanceof String token)) {
            return Optional.empty();
        }
        Optional<AuthTokens.SignIn> signIn = tokens.resolveSignIn(token);
        if (signIn.isEmpty()) {
            request.setAttribute(
                    ENDED,
                    tokens.endedByPasswordReset(token) ? Ended.PASSWORD_RESET : whyEnded(session.getAttribute(MEMBER)));
            tokens.revoke(token);
            session.invalidate();
        }
        return signIn;
    }

    /** Signs the browser out: the token is revoked; the caller invalidates the session. */
    public void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(TOKEN) instanceof String token) {
            tokens.revoke(token);
            session.removeAttribute(TOKEN);
            session.removeAttribute(MEMBER);
        }
    }

    public Duration idleTimeout() {
        return properties.idleTimeout();
    }

    private Ended whyEnded(Object member) {
        if (!(member instanceof String ids) || ids.indexOf('/') < 0) {
            return Ended.IDLE;
        }
        try {
            PracticeId practice = new PracticeId(UUID.fromString(ids.substring(0, ids.indexOf('/'))));
            MemberId id = new MemberId(UUID.fromString(ids.substring(ids.indexOf('/') + 1)));
            return memberships
                    .member(practice, id)
                    .map(m -> m.status() == MemberStatus.INACTIVE ? Ended.INACTIVE : Ended.IDLE)
                    .orElse(Ended.REMOVED);
        } catch (IllegalArgumentException e) {
            return Ended.IDLE;
        }
    }
}
