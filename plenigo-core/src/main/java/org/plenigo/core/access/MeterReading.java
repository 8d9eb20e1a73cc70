package org.plenigo.core.access;

import org.plenigo.core.Require;

/** A reader's meter and whether the content asked about was counted in its period already. */
public record MeterReading(Meter meter, boolean contentViewed) {
    public MeterReading {
        Require.notNull(meter, "meterReading.meter");
    }
}
