package org.plenigo.store.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAmount;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests set and move by hand. Thread-safe; copies made with {@link #withZone} share
 * the same current instant.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** A clock standing at {@code instant}, whose calendar is {@code zone}'s. */
    public static MutableClock at(Instant instant, ZoneId zone) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")), zone);
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /** Sets the clock to the wall-clock time {@code local} in this clock's zone. */
    public void set(LocalDateTime local) {
        set(local.atZone(zone).toInstant());
    }

    /** Moves the clock on by an exact duration. */
    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /** Moves the clock on by a calendar amount (days, months, years) in this clock's zone. */
    public void advance(TemporalAmount amount) {
        now.updateAndGet(instant -> instant.atZone(zone).plus(amount).toInstant());
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(now, zone);
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + ", " + zone + "]";
    }
}
