package dev.plughub.host.events;

/**
 * What happened to the events matched for one subscriber, over all its subscriptions.
 *
 * @param delivered handlers that returned normally
 * @param failed    handlers that threw
 * @param timedOut  handlers abandoned at the deadline
 * @param dropped   events discarded unseen because the subscription's queue was full (oldest first)
 */
public record DeliveryStats(long delivered, long failed, long timedOut, long dropped) {
}
