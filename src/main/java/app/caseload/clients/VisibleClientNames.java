package app.caseload.clients;

import app.caseload.clients.ClientEvents.ClientDataRead;
import app.caseload.clients.ClientVisibility.NamePage;
import app.caseload.clients.ClientVisibility.Predicate;
import app.caseload.shared.Caller;
import app.caseload.shared.ClientId;
import app.caseload.shared.ClientPicker;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Client choices by name for other modules' forms ({@link ClientPicker}): the same name search and
 * the same visibility predicate as the client list, just the names and dates of birth, recorded as
 * {@code client.lookup} reads.
 */
@Component
class VisibleClientNames implements ClientPicker {

    static final String ACTION = "client.lookup";

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;
    private final ApplicationEventPublisher events;

    VisibleClientNames(JdbcClient jdbc, ClientVisibility visibility, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.events = events;
    }

    @Override
    public List<Choice> find(Caller caller, String text, int limit) {
        String typed = text == null ? "" : text.strip();
        if (typed.isEmpty() || limit < 1) {
            return List.of();
        }
        if (typed.length() > 200) {
            typed = typed.substring(0, 200);
        }
        Clients.Query named = Clients.conditions(new Clients.Filter(null, null, null, null, typed));
        Map<String, Object> params = new LinkedHashMap<>(named.params());
        Predicate visible =
                visibility.pagePredicate(caller, "c", new NamePage(named.sql(), params, null, limit, false, null));
        params.putAll(visible.params());
        params.put("limit", limit);
        List<Choice> found = jdbc.sql("select c.id, c.full_name, c.date_of_birth from client c where " + visible.sql()
                        + " and " + named.sql() + " order by lower(c.full_name), c.id limit :limit")
                .params(params)
                .query(VisibleClientNames::choice)
                .list();
        read(caller, found);
        return found;
    }

    @Override
    public Optional<Choice> chosen(Caller caller, ClientId id) {
        Predicate visible = visibility.clientPredicate(caller, "c");
        Optional<Choice> chosen = jdbc.sql("select c.id, c.full_name, c.date_of_birth from client c"
                        + " where c.id = :id and " + visible.sql())
                .params(visible.params())
                .param("id", id.value())
                .query(VisibleClientNames::choice)
                .optional();
        chosen.ifPresent(choice -> read(caller, List.of(choice)));
        return chosen;
    }

    private void read(Caller caller, List<Choice> shown) {
        events.publishEvent(new ClientDataRead(
                caller.practiceId(),
                caller.memberId(),
                ACTION,
                shown.stream().map(Choice::id).toList()));
    }

    private static Choice choice(ResultSet rs, int row) throws SQLException {
        return new Choice(
                new ClientId(rs.getObject("id", UUID.class)),
                rs.getString("full_name"),
                rs.getDate("date_of_birth").toLocalDate());
    }
}
