package app.caseload.roles;

import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The roles of a practice: the one place that reads and changes them. */
@Service
public class Roles {

    public static final String LICENSED_THERAPIST = "Licensed Therapist";

    /** The editable roles every new practice starts with (SPEC §3). */
    static final List<RoleDraft> DEFAULTS = List.of(
            new RoleDraft(
                    "Intern",
                    "Pre-licensure intern; works under supervision.",
                    Map.of("notes.sign_independently", false, "clients.create", false),
                    true,
                    false,
                    BillingModifier.HL),
            new RoleDraft(
                    "Associate",
                    "Pre-licensed associate; works under supervision.",
                    Map.of("notes.sign_independently", false),
                    true,
                    false,
                    BillingModifier.HO),
            new RoleDraft(
                    LICENSED_THERAPIST,
                    "Independently licensed clinician.",
                    Map.of(),
                    false,
                    false,
                    BillingModifier.HO),
            new RoleDraft(
                    "Supervisor",
                    "Licensed clinician who supervises interns and associates.",
                    Map.of("clients.reassign", true, "reports.view", true),
                    false,
                    true,
                    BillingModifier.HP));

    private static final String SELECT = """
            select r.id, r.name, r.description, r.features::text as features, r.requires_supervision,
                   r.can_supervise, r.billing_modifier,
                   -- a read-model count across the therapists module's table; no Java dependency on it
                   (select count(*) from member m
                     where m.practice_id = r.practice_id and m.role_id = r.id and m.removed_at is null) as member_count
            from role r
            """;

    /**
     * The columns of a role's rules, from a table aliased {@code r}: for a statement that reads the
     * caller's role alongside something else, then maps it with {@link #rulesFrom} and hands it to
     * {@link #remember}. The sign-in token's function {@code auth_token_resolve} (V41) returns the
     * same columns under the same names: a column added here is added there.
     */
    public static final String RULES_COLUMNS = """
            r.id as role_id, r.name as role_name, r.features::text as role_features,
            r.requires_supervision as role_requires_supervision, r.can_supervise as role_can_supervise,
            r.billing_modifier as role_billing_modifier""";

    /** Request attribute: the roles already read during this request, by practice and id. */
    private static final String MEMO = Roles.class.getName() + ".memo";

    private record Key(PracticeId practice, RoleId role) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final List<RoleChangeGuard> guards;
    private final ApplicationEventPublisher events;

    Roles(JdbcClient jdbc, JsonMapper json, List<RoleChangeGuard> guards, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.guards = guards;
        this.events = events;
    }

    /** Creates the four default roles of a new practice; answers them by name. */
    @Transactional
    public Map<String, RoleId> createDefaults(PracticeId practice) {
        Map<String, RoleId> ids = new LinkedHashMap<>();
        for (RoleDraft draft : DEFAULTS) {
            ids.put(draft.name(), insert(practice, draft));
        }
        return ids;
    }

    public List<RoleView> list(PracticeId practice) {
        return jdbc.sql(SELECT + " where r.practice_id = ? and r.deleted_at is null order by lower(r.name), r.id")
                .param(practice.value())
                .query(this::map)
                .list();
    }

    /** The role, or 404 when the practice has no such role. */
    public RoleView get(PracticeId practice, RoleId id) {
        return jdbc.sql(SELECT + " where r.practice_id = ? and r.id = ? and r.deleted_at is null")
                .params(practice.value(), id.value())
                .query(this::map)
                .optional()
                .orElseThrow(() -> CaseloadException.notFound("This role"));
    }

    /**
     * What the role lets its members do, or 404 when the practice has no such role: the cheap
     * lookup for authorisation and rules (no member count). Read at most once per HTTP request, and
     * usually not at all, as the sign-in statement reads the caller's role already. Nothing is kept
     * beyond the request, so a change made on any node applies from the next request on.
     */
    public RoleRules rules(PracticeId practice, RoleId id) {
        Map<Key, RoleRules> memo = memo();
        Key key = new Key(practice, id);
        RoleRules known = memo == null ? null : memo.get(key);
        if (known != null) {
            return known;
        }
        RoleRules rules = jdbc.sql("select " + RULES_COLUMNS
                        + " from role r where r.practice_id = ? and r.id = ? and r.deleted_at is null")
                .params(practice.value(), id.value())
                .query((rs, n) -> rulesFrom(rs))
                .optional()
                .orElseThrow(() -> CaseloadException.notFound("This role"));
        if (memo != null) {
            memo.put(key, rules);
        }
        return rules;
    }

    /** Maps {@link #RULES_COLUMNS}; null when the row has no role. */
    public RoleRules rulesFrom(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("role_id", UUID.class);
        if (id == null) {
            return null;
        }
        String modifier = rs.getString("role_billing_modifier");
        return new RoleRules(
                new RoleId(id),
                rs.getString("role_name"),
                json.readValue(rs.getString("role_features"), new TypeReference<Map<String, Boolean>>() {}),
                rs.getBoolean("role_requires_supervision"),
                rs.getBoolean("role_can_supervise"),
                modifier == null ? null : BillingModifier.valueOf(modifier));
    }

    /** Keeps a role read elsewhere in this request for {@link #rules}; outside a request, nothing. */
    public void remember(PracticeId practice, RoleRules rules) {
        Map<Key, RoleRules> memo = memo();
        if (memo != null && rules != null) {
            memo.put(new Key(practice, rules.id()), rules);
        }
    }

    private static void forget(PracticeId practice, RoleId id) {
        Map<Key, RoleRules> memo = memo();
        if (memo != null) {
            memo.remove(new Key(practice, id));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Key, RoleRules> memo() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return null;
        }
        Object memo = request.getAttribute(MEMO, RequestAttributes.SCOPE_REQUEST);
        if (memo == null) {
            memo = new HashMap<Key, RoleRules>();
            request.setAttribute(MEMO, memo, RequestAttributes.SCOPE_REQUEST);
        }
        return (Map<Key, RoleRules>) memo;
    }

    /** The role, or a 400 naming the field: used where a request names a role to give someone. */
    public RoleView requireForAssignment(PracticeId practice, RoleId id) {
        if (id == null) {
            throw unknownRole();
        }
        return jdbc.sql(SELECT + " where r.practice_id = ? and r.id = ? and r.deleted_at is null")
                .params(practice.value(), id.value())
                .query(this::map)
                .optional()
                .orElseThrow(Roles::unknownRole);
    }

    @Transactional
    public RoleView create(PracticeId practice, RoleDraft draft) {
        RoleId id = insert(practice, draft);
        events.publishEvent(new RoleEvents.RoleCreated(practice, id));
        return get(practice, id);
    }

    private RoleId insert(PracticeId practice, RoleDraft draft) {
        RoleId id = RoleId.random();
        try {
            jdbc.sql("""
                    insert into role (practice_id, id, name, description, features, requires_supervision,
                                      can_supervise, billing_modifier)
                    values (?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
                    .params(
                            practice.value(),
                            id.value(),
                            draft.name(),
                            draft.description(),
                            json.writeValueAsString(draft.features()),
                            draft.requiresSupervision(),
                            draft.canSupervise(),
                            modifier(draft))
                    .update();
        } catch (DuplicateKeyException e) {
            throw nameTaken(draft.name());
        }
        return id;
    }

    @Transactional
    public RoleView replace(PracticeId practice, RoleId id, RoleDraft draft) {
        RoleView current = lock(practice, id);
        guards.forEach(guard -> guard.beforeRoleRulesChange(practice, current, draft));
        try {
            jdbc.sql("""
                    update role set name = ?, description = ?, features = ?::jsonb, requires_supervision = ?,
                                    can_supervise = ?, billing_modifier = ?
                    where practice_id = ? and id = ?""")
                    .params(
                            draft.name(),
                            draft.description(),
                            json.writeValueAsString(draft.features()),
                            draft.requiresSupervision(),
                            draft.canSupervise(),
                            modifier(draft),
                            practice.value(),
                            id.value())
                    .update();
        } catch (DuplicateKeyException e) {
            throw nameTaken(draft.name());
        }
        forget(practice, id);
        events.publishEvent(new RoleEvents.RoleReplaced(practice, id));
        return get(practice, id);
    }

    /** Deletes an unused role; 409 while members hold it or pending invitations offer it. */
    @Transactional
    public void delete(PracticeId practice, RoleId id) {
        RoleView role = lock(practice, id);
        if (role.memberCount() > 0) {
            throw CaseloadException.conflict(
                            "role-in-use",
                            "This role is held by " + role.memberCount() + " member(s); give them another role first.")
                    .with("memberCount", role.memberCount());
        }
        Integer pending = jdbc.sql("""
                select count(*) from invitation
                where practice_id = ? and role_id = ? and status = 'PENDING' and expires_at > now()""")
                .params(practice.value(), id.value())
                .query(Integer.class)
                .single();
        if (pending > 0) {
            throw CaseloadException.conflict(
                    "role-in-use", "Pending invitations offer this role; revoke them or wait until they are answered.");
        }
        // Hidden, not erased: removed members and past claims still name it.
        jdbc.sql("update role set deleted_at = now() where practice_id = ? and id = ?")
                .params(practice.value(), id.value())
                .update();
        forget(practice, id);
        events.publishEvent(new RoleEvents.RoleDeleted(practice, id));
    }

    /** Lets other modules veto a member's move from one role to another. */
    public void checkMemberRoleChange(PracticeId practice, MemberId member, RoleId from, RoleId to) {
        RoleView fromRole = get(practice, from);
        RoleView toRole = requireForAssignment(practice, to);
        guards.forEach(guard -> guard.beforeMemberRoleChange(practice, member, fromRole, toRole));
    }

    private RoleView lock(PracticeId practice, RoleId id) {
        // Serialises concurrent changes and deletions of the same role, and members joining it.
        jdbc.sql("select id from role where practice_id = ? and id = ? and deleted_at is null for update")
                .params(practice.value(), id.value())
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> CaseloadException.notFound("This role"));
        return get(practice, id);
    }

    private static String modifier(RoleDraft draft) {
        return draft.billingModifier() == null ? null : draft.billingModifier().name();
    }

    private RoleView map(ResultSet rs, int row) throws SQLException {
        String modifier = rs.getString("billing_modifier");
        return new RoleView(
                new RoleId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("description"),
                json.readValue(rs.getString("features"), new TypeReference<Map<String, Boolean>>() {}),
                rs.getBoolean("requires_supervision"),
                rs.getBoolean("can_supervise"),
                modifier == null ? null : BillingModifier.valueOf(modifier),
                rs.getInt("member_count"));
    }

    private static CaseloadException nameTaken(String name) {
        return CaseloadException.conflict("role-name-taken", "The practice already has a role named '" + name + "'.");
    }

    private static CaseloadException unknownRole() {
        return CaseloadException.invalid("unknown-role", "There is no such role in this practice.")
                .with("errors", List.of(Map.of("field", "roleId", "message", "is not a role of this practice")));
    }
}
