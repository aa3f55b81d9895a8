package app.caseload.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts what the application sends to the database while serving HTTP requests: every statement
 * executed on a web request thread (Tomcat's {@code *-exec-*}) and every explicit commit or
 * rollback, each a round trip. Wraps the application's {@link DataSource} in JDK proxies; nothing is
 * recorded unless a test is inside {@link #during}. Background threads (the read-audit flusher, the
 * outbox) are not counted: their work is batched across requests.
 */
public class StatementCounter implements BeanPostProcessor {

    private static final Set<String> EXECUTE = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private static final List<String> SEEN = new CopyOnWriteArrayList<>();
    private static final java.util.concurrent.atomic.AtomicInteger WRITES =
            new java.util.concurrent.atomic.AtomicInteger();
    private static volatile boolean recording;

    /** What a request sent: its statements, and its writes to the database's socket (round trips). */
    public record Traffic(List<String> statements, int roundTrips) {}

    /** What the requests made by {@code work} sent, statements and round trips on the wire. */
    public static synchronized Traffic trafficDuring(Runnable work) {
        WRITES.set(0);
        List<String> statements = during(work);
        return new Traffic(statements, WRITES.get());
    }

    /** A write to the database's socket ({@link WireCounter}). */
    static void wrote() {
        if (recording && Thread.currentThread().getName().contains("-exec-")) {
            WRITES.incrementAndGet();
        }
    }

    /** What the requests made by {@code work} sent to the database, in order. */
    public static synchronized List<String> during(Runnable work) {
        SEEN.clear();
        recording = true;
        try {
            work.run();
        } finally {
            recording = false;
        }
        return new ArrayList<>(SEEN);
    }

    private static void record(String what) {
        if (recording && Thread.currentThread().getName().contains("-exec-")) {
            SEEN.add(what.strip().replaceAll("\\s+", " "));
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            return proxy(dataSource, new Class<?>[] {DataSource.class, AutoCloseable.class}, (target, method, args) -> {
                Object result = invoke(target, method, args);
                return result instanceof Connection connection ? connection(connection) : result;
            });
        }
        return bean;
    }

    private static Connection connection(Connection connection) {
        return proxy(connection, new Class<?>[] {Connection.class}, (target, method, args) -> {
            switch (method.getName()) {
                case "commit" -> record("COMMIT");
                case "rollback" -> record("ROLLBACK");
                default -> {}
            }
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement && !method.getName().equals("unwrap")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                return statement(statement, sql);
            }
            return result;
        });
    }

    private static Statement statement(Statement statement, String preparedSql) {
        Class<?>[] types = statement instanceof java.sql.CallableStatement
                ? new Class<?>[] {java.sql.CallableStatement.class}
                : statement instanceof java.sql.PreparedStatement
                        ? new Class<?>[] {java.sql.PreparedStatement.class}
                        : new Class<?>[] {Statement.class};
        return proxy(statement, types, (target, method, args) -> {
            if (EXECUTE.contains(method.getName())) {
                record(
                        preparedSql != null
                                ? preparedSql
                                : args != null && args.length > 0 ? String.valueOf(args[0]) : "?");
            }
            return invoke(target, method, args);
        });
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(T target, Class<?>[] types, Handler handler) {
        InvocationHandler h = (proxy, method, args) -> handler.handle(target, method, args);
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), types, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
