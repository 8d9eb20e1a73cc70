package org.plenigo.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until it is set or moved on, so the demo can live through months in a
 * second. plenigo takes all time from the {@link Clock} it is built with; production code passes
 * {@link Clock#systemUTC()} (the default), tests and demos a clock like this one.
 */
public final class SimulatedClock extends Clock {
    private volatile Instant now;

    public SimulatedClock(Instant start) {
        this.now = start;
    }

    /** Jumps to {@code instant}; time never runs backwards. */
    public void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the clock does not run backwards: " + instant + " is before " + now);
        }
        now = instant;
    }

    public void advance(Duration duration) {
        set(now.plus(duration));
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("plenigo counts calendar intervals in its own zone setting");
    }
}
