package dev.plughub.host.messages;

import dev.plughub.host.events.Payloads;
import dev.plughub.plugin.Message;
import dev.plughub.plugin.MessageFailedException;
import dev.plughub.plugin.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Messages between plugins, and from operators ({@value #HOST}) to plugins: request/response with
 * a timeout, and broadcast to the active plugins of a category. Each delivery runs on a virtual
 * thread of its own; at the timeout that thread is interrupted and the caller gets
 * {@link MessageTimeoutException}, so a hanging recipient never holds the sender.
 */
public final class MessageRouter {

    /** The sender id of messages an operator sends through the admin API. */
    public static final String HOST = "host";
    /** The category of a broadcast to every active plugin. */
    public static final String ALL = "*";

    private final Recipients recipients;
    private final Duration defaultTimeout;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param defaultTimeout used when a sender names no timeout, and the most any sender may ask for
     */
    public MessageRouter(Recipients recipients, Duration defaultTimeout) {
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("the message timeout must be positive, not " + defaultTimeout);
        }
        this.recipients = recipients;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Sends and waits for the reply.
     *
     * @param timeout capped at the router's default; zero, negative or null mean the default
     * @throws RecipientUnavailableException when {@code to} is not an active plugin
     * @throws MessageTimeoutException       when it does not answer in time
     * @throws MessageFailedException        when it throws
     */
    public Map<String, Object> request(String from, String to, String type, Map<String, Object> payload,
                                       Duration timeout) {
        requireType(type);
        Recipient recipient = recipients.find(to).orElseThrow(() -> new RecipientUnavailableException(to));
        Duration limit = effective(timeout);
        Delivery delivery = start(to, recipient, new Message(from, type, "", Payloads.freeze(payload)));
        return delivery.await(limit, type);
    }

    /**
     * Sends to every active plugin of {@code category} ({@value #ALL} or empty: every active plugin)
     * except the sender and {@code exclude}, all at once, and waits at most the default timeout
     * for them all. Replies are ignored.
     */
    public BroadcastResult broadcast(String from, String category, String type, Map<String, Object> payload,
                                     Set<String> exclude) {
        return broadcast(from, category, type, payload, exclude, Optional.empty());
    }

    /**
     * A broadcast whose recipients all answer within {@code timeout} (at most the default message
     * timeout, which applies when none is given), counted from when the last one was sent the message.
     */
    public BroadcastResult broadcast(String from, String category, String type, Map<String, Object> payload,
                                     Set<String> exclude, Optional<Duration> timeout) {
        requireType(type);
        String selected = category == null || category.isBlank() ? ALL : category;
        Message message = new Message(from, type, selected, Payloads.freeze(payload));
        Map<String, Delivery> started = new TreeMap<>();
        for (String id : recipients.activeIds()) {
            if (id.equals(from) || exclude.contains(id)) {
                continue;
            }
            Optional<Recipient> recipient = recipients.find(id);
            if (recipient.isPresent() && (selected.equals(ALL) || selected.equals(recipient.get().category()))) {
                started.put(id, start(id, recipient.get(), message));
            }
        }
        Duration allowed = effective(timeout.orElse(null));
        long deadline = System.nanoTime() + allowed.toNanos();
        List<String> delivered = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        started.forEach((id, delivery) -> {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            try {
                delivery.await(left, type, allowed);
                delivered.add(id);
            } catch (MessageFailedException e) {
                failed.put(id, e.getMessage());
            }
        });
        return new BroadcastResult(delivered, failed);
    }

    /** The {@code PluginContext.messages()} of one plugin: requests sent in its name. */
    public Messages forPlugin(String pluginId) {
        return (to, type, payload, timeout) -> request(pluginId, to, type, payload, timeout);
    }

    /** Deliveries running now, abandoned ones included until their thread ends. */
    public int inFlight() {
        return inFlight.get();
    }

    private Duration effective(Duration requested) {
        if (requested == null || requested.isZero() || requested.isNegative()) {
            return defaultTimeout;
        }
        return requested.compareTo(defaultTimeout) < 0 ? requested : defaultTimeout;
    }

    private static void requireType(String type) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a message needs a type (what it is about), and this one has none");
        }
    }

    private Delivery start(String to, Recipient recipient, Message message) {
        Delivery delivery = new Delivery(to);
        inFlight.incrementAndGet();
        delivery.thread = Thread.ofVirtual().name("message-to-" + to).start(() -> {
            try {
                Map<String, Object> reply = recipient.deliver(message);
                delivery.reply.set(Payloads.freeze(reply));
            } catch (Throwable t) {
                delivery.failure.set(t);
            } finally {
                inFlight.decrementAndGet();
            }
        });
        return delivery;
    }

    private static final class Delivery {
        final String to;
        final AtomicReference<Map<String, Object>> reply = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread;

        Delivery(String to) {
            this.to = to;
        }

        Map<String, Object> await(Duration timeout, String type) {
            return await(timeout, type, timeout);
        }

        /** Waits {@code timeout}; a refusal names {@code allowed}, the time the sender gave all its recipients. */
        Map<String, Object> await(Duration timeout, String type, Duration allowed) {
            boolean done;
            try {
                done = thread.join(timeout);
            } catch (InterruptedException e) {
                thread.interrupt();
                Thread.currentThread().interrupt();
                throw new MessageFailedException("interrupted while waiting for " + to + " to answer '" + type + "'", e);
            }
            if (!done) {
                thread.interrupt();
                throw new MessageTimeoutException("plugin '" + to + "' did not answer '" + type + "' within "
                        + allowed.toMillis() + " ms", allowed);
            }
            Throwable failed = failure.get();
            if (failed != null) {
                throw new MessageFailedException("plugin '" + to + "' failed to handle '" + type + "': "
                        + (failed.getMessage() == null ? failed.getClass().getName() : failed.getMessage()), failed);
            }
            return reply.get();
        }
    }
}
