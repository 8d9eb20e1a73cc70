package org.plenigo.store.tck;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.event.EventPublisher;

/** Keeps every published event in publication order. Thread-safe. */
public final class RecordingEventPublisher implements EventPublisher {
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(DomainEvent event) {
        events.add(event);
    }

    /** All events published so far, oldest first. */
    public List<DomainEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one type published so far, oldest first. */
    public <E extends DomainEvent> List<E> ofType(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        events.clear();
    }
}
