package app.caseload.dashboard;

import app.caseload.clients.CaseloadCategory;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.Page;
import app.caseload.therapists.TherapistView;
import app.caseload.therapists.Therapists;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Who is who, for pages that show members by id: names and the Active therapists to pick from. */
@Component
class Directory {

    static final Map<CaseloadCategory, String> CATEGORY_LABELS = Map.of(
            CaseloadCategory.DIRECT,
            "Direct",
            CaseloadCategory.PRIMARY,
            "Primary",
            CaseloadCategory.WALK_IN,
            "Walk-in");

    private final Therapists therapists;

    Directory(Therapists therapists) {
        this.therapists = therapists;
    }

    /** A name for every member the page may mention; removed members keep their name. */
    Names names(Caller caller) {
        Map<MemberId, String> names = new HashMap<>();
        for (TherapistView t :
                therapists.roster(caller, null, null, Page.MAX_LIMIT).items()) {
            names.put(t.id(), t.fullName());
        }
        return new Names(caller, names, therapists);
    }

    /** Every current member, for filters. */
    List<TherapistView> everyone(Caller caller) {
        return therapists.roster(caller, null, null, Page.MAX_LIMIT).items();
    }

    /** Active therapists: the only ones who can take clients and sessions (SPEC §2). */
    List<TherapistView> activeTherapists(Caller caller) {
        return therapists
                .roster(caller, MemberStatus.ACTIVE, null, Page.MAX_LIMIT)
                .items();
    }

    /** Member names by id as templates look them up: {@code names.of(id)}. */
    public static final class Names {
        private final Caller caller;
        private final Map<MemberId, String> known;
        private final Therapists therapists;

        Names(Caller caller, Map<MemberId, String> known, Therapists therapists) {
            this.caller = caller;
            this.known = known;
            this.therapists = therapists;
        }

        public String of(MemberId id) {
            if (id == null) {
                return "—";
            }
            return known.computeIfAbsent(id, k -> {
                try {
                    return therapists.fullName(caller.practiceId(), k);
                } catch (CaseloadException e) {
                    return "A former member";
                }
            });
        }
    }
}
