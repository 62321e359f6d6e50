package dev.plughub.registry.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.registry.accounts.Principal;
import dev.plughub.registry.http.Json;
import dev.plughub.registry.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The append-only audit log ({@code audit_log}, V7__moderation.sql). Entries are written with
 * {@link #record} inside the transaction of the change they describe, so a change and its entry
 * commit or fail together. Nothing here updates or deletes an entry, and triggers refuse any
 * statement that tries.
 */
public final class AuditLog {

    /** What one entry says: who did what to which target, the state before and after, and why. */
    public record Change(String action, String targetType, String targetId, Object before, Object after,
                         Optional<String> reason) {
    }

    /** Which entries a reader asks for; empty fields do not filter. */
    public record Filter(Optional<String> actor, Optional<String> action, Optional<String> target,
                         Optional<Instant> since) {
    }

    /** One entry as the API shows it. */
    public record Entry(long id, Instant at, String actor, Optional<Long> actorUserId, String action,
                        String targetType, String targetId, JsonNode before, JsonNode after, Optional<String> reason) {
    }

    public record Entries(List<Entry> entries, long total) {
    }

    private static final ObjectMapper JSON = Json.mapper();

    /** The actor of a change made without credentials. */
    public static final String ANONYMOUS = "anonymous";
    /** The actor of whatever the operator key does. */
    public static final String OPERATOR = "operator";

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    /** The name an entry records for a principal: the username, or {@code operator} for the operator key. */
    public static String actorName(Principal principal) {
        return principal.operator() ? OPERATOR : principal.username();
    }

    /** Appends an entry in the caller's transaction. */
    public void record(Handle h, Principal actor, Change change, Instant at) {
        record(h, Optional.of(actor), change, at);
    }

    /**
     * Appends an entry in the caller's transaction; without a principal (development mode lets anyone
     * manage an ownerless plugin) the actor is {@link #ANONYMOUS}.
     */
    public void record(Handle h, Optional<Principal> actor, Change change, Instant at) {
        h.createUpdate("""
                        INSERT INTO audit_log (at, actor, actor_user_id, action, target_type, target_id,
                                               before_json, after_json, reason)
                        VALUES (:at, :actor, :actorUserId, :action, :targetType, :targetId, :before, :after, :reason)""")
                .bind("at", at.toEpochMilli())
                .bind("actor", actor.map(AuditLog::actorName).orElse(ANONYMOUS))
                .bind("actorUserId", actor.filter(p -> !p.operator()).map(Principal::userId).orElse(null))
                .bind("action", change.action())
                .bind("targetType", change.targetType())
                .bind("targetId", change.targetId())
                .bind("before", toJson(change.before()))
                .bind("after", toJson(change.after()))
                .bind("reason", change.reason().orElse(null))
                .execute();
    }

    /** A page of entries, newest first. {@code target} matches the target id, or {@code type:id}. */
    public Entries list(Filter filter, long offset, int limit) {
        StringBuilder where = new StringBuilder(" FROM audit_log WHERE 1 = 1");
        Map<String, Object> binds = new LinkedHashMap<>();
        filter.actor().ifPresent(a -> {
            where.append(" AND ").append(db.dialect().foldCase("actor")).append(" = ").append(db.dialect().foldCase(":actor"));
            binds.put("actor", a);
        });
        filter.action().ifPresent(a -> {
            where.append(" AND (action = :action OR action LIKE :actionPrefix ESCAPE '!')");
            binds.put("action", a);
            binds.put("actionPrefix", a.replace("!", "!!").replace("%", "!%").replace("_", "!_") + ".%");
        });
        filter.target().ifPresent(t -> {
            int colon = t.indexOf(':');
            if (colon > 0) {
                where.append(" AND target_type = :targetType AND target_id = :targetId");
                binds.put("targetType", t.substring(0, colon));
                binds.put("targetId", t.substring(colon + 1));
            } else {
                where.append(" AND target_id = :targetId");
                binds.put("targetId", t);
            }
        });
        filter.since().ifPresent(s -> {
            where.append(" AND at >= :since");
            binds.put("since", s.toEpochMilli());
        });
        return db.read().withHandle(h -> {
            long total = bind(h.createQuery("SELECT count(*)" + where), binds).mapTo(Long.class).one();
            List<Entry> entries = bind(h.createQuery("SELECT *" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset"), binds)
                    .bind("limit", limit).bind("offset", offset)
                    .map((rs, ctx) -> entry(rs)).list();
            return new Entries(entries, total);
        });
    }

    private static Query bind(Query q, Map<String, Object> binds) {
        binds.forEach(q::bind);
        return q;
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        long actorUserId = rs.getLong("actor_user_id");
        Optional<Long> actorId = rs.wasNull() ? Optional.empty() : Optional.of(actorUserId);
        return new Entry(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor"), actorId,
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                parse(rs.getString("before_json")), parse(rs.getString("after_json")),
                Optional.ofNullable(rs.getString("reason")));
    }

    private static String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit states are always serializable", e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
