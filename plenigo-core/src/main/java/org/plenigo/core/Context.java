package org.plenigo.core;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import org.plenigo.core.charge.Charges;
import org.plenigo.core.event.EventPublisher;
import org.plenigo.core.idempotency.Idempotency;
import org.plenigo.core.store.Store;
import org.plenigo.core.wallet.AutomaticTopUpLimit;

/**
 * What every service is wired with; assembled by {@link Plenigo.Builder}.
 *
 * @param zone the publisher's time zone: calendar intervals are counted in it
 */
public record Context(Store store, Clock clock, Charges charges, EventPublisher events, ZoneId zone,
                      AutomaticTopUpLimit automaticTopUpLimit) {
    public Context {
        Require.notNull(store, "store");
        Require.notNull(clock, "clock");
        Require.notNull(charges, "charges");
        Require.notNull(events, "events");
        Require.notNull(zone, "zone");
        Require.notNull(automaticTopUpLimit, "automaticTopUpLimit");
    }

    /**
     * The clock's current instant at microsecond precision, the finest that every supported
     * database keeps, so that an instant reads back from any store exactly as it was written.
     */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public UnitOfWork unitOfWork() {
        return new UnitOfWork(store.transactions(), events);
    }

    public Idempotency idempotency() {
        return new Idempotency(store.idempotency(), this::now);
    }
}
