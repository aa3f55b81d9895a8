package app.caseload.audit;

import app.caseload.shared.AccountId;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One line of the audit trail, built fluently by listeners: {@code AuditEntry.of("member.removed",
 * practice).by(admin).target("MEMBER", id)}. The actor defaults to the signed-in caller of the
 * current request; {@code detail} holds ids and enum values only, never names or clinical text.
 */
public final class AuditEntry {

    final String action;
    final PracticeId practice;
    AccountId actorAccount;
    MemberId actorMember;
    String targetType;
    UUID targetId;
    final List<UUID> clientIds = new ArrayList<>();
    final Map<String, Object> detail = new LinkedHashMap<>();
    String ip;

    private AuditEntry(String action, PracticeId practice) {
        this.action = action;
        this.practice = practice;
    }

    /** An entry of this action in this practice (null when the practice is unknown). */
    public static AuditEntry of(String action, PracticeId practice) {
        return new AuditEntry(action, practice);
    }

    public AuditEntry by(MemberId member) {
        this.actorMember = member;
        return this;
    }

    public AuditEntry byAccount(AccountId account) {
        this.actorAccount = account;
        return this;
    }

    public AuditEntry target(String type, UUID id) {
        this.targetType = type;
        this.targetId = id;
        return this;
    }

    /**
     * The client address, for an event recorded after its request was answered (no request on the
     * thread). Otherwise the address of the current request is taken.
     */
    public AuditEntry from(String address) {
        this.ip = address;
        return this;
    }

    public AuditEntry clients(Collection<UUID> ids) {
        this.clientIds.addAll(ids);
        return this;
    }

    public AuditEntry detail(String key, Object value) {
        this.detail.put(key, value == null ? null : value.toString());
        return this;
    }
}
