package org.plenigo.core.event;

/**
 * Port that receives domain events after the change they describe has been stored. Called on the
 * thread that made the change; an exception thrown here is logged and does not undo the change.
 */
@FunctionalInterface
public interface EventPublisher {
    /** Discards every event. */
    EventPublisher NONE = event -> { };

    void publish(DomainEvent event);
}
