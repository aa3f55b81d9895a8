package app.caseload.accounts;

import app.caseload.shared.AccountId;
import app.caseload.shared.CaseloadException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People who can sign in. Email is unique across the system, compared case-insensitively. */
@Service
public class Accounts {

    private static final PasswordEncoder ENCODER = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    /**
     * Checked against when the email is unknown, so both answers take the same time: an Argon2id hash
     * with {@link #ENCODER}'s parameters (m=16384, t=2, p=1), made once with it. A literal rather than
     * computed at class initialisation, where a cold JVM took about half a second of CPU at every start.
     * Make a new one with the encoder if its parameters ever change.
     */
    private static final String DUMMY_HASH =
            "$argon2id$v=19$m=16384,t=2,p=1$3+PRsGcm5gZvrsCHcEtF6w$HQHQoW5dgahHFkAS09qCMxQ8Vtk1u3AriJ4hJXRMdsk";

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates an account; 409 when the email already has one. */
    @Transactional
    public AccountId register(String email, String fullName, String password) {
        PasswordPolicy.check(password);
        AccountId id = AccountId.random();
        try {
            jdbc.sql("insert into account (id, email, full_name, password_hash) values (?, ?, ?, ?)")
                    .params(id.value(), email.trim(), fullName.trim(), ENCODER.encode(password))
                    .update();
        } catch (DuplicateKeyException e) {
            throw CaseloadException.conflict(
                    "email-taken", "An account with this email already exists; sign in instead.");
        }
        return id;
    }

    /** Sets a new password (the policy applies). */
    @Transactional
    void changePassword(AccountId account, String password) {
        PasswordPolicy.check(password);
        jdbc.sql("update account set password_hash = ? where id = ?")
                .params(ENCODER.encode(password), account.value())
                .update();
    }

    public Optional<AccountView> findByEmail(String email) {
        return jdbc.sql("select id, email, full_name from account where lower(email) = lower(?)")
                .param(email.trim())
                .query((rs, n) -> new AccountView(
                        new AccountId(rs.getObject("id", UUID.class)),
                        rs.getString("email"),
                        rs.getString("full_name")))
                .optional();
    }

    public Optional<AccountView> find(AccountId id) {
        return jdbc.sql("select id, email, full_name from account where id = ?")
                .param(id.value())
                .query((rs, n) -> new AccountView(
                        new AccountId(rs.getObject("id", UUID.class)),
                        rs.getString("email"),
                        rs.getString("full_name")))
                .optional();
    }

    /**
     * The account whose email and password these are. Unknown email and wrong password take the
     * same path and the same time, and answer the same.
     */
    public Optional<AccountId> authenticate(String email, String password) {
        if (email == null
                || password == null
                || password.length() > PasswordPolicy.MAX_LENGTH
                || !PasswordPolicy.wellFormed(password)) {
            ENCODER.matches("x", DUMMY_HASH);
            return Optional.empty();
        }
        record Row(UUID id, String hash) {}
        Optional<Row> row = jdbc.sql("select id, password_hash from account where lower(email) = lower(?)")
                .param(email.trim())
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("password_hash")))
                .optional();
        boolean matches = ENCODER.matches(password, row.map(Row::hash).orElse(DUMMY_HASH));
        return row.filter(r -> matches).map(r -> new AccountId(r.id()));
    }
}
