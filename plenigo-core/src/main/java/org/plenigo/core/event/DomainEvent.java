package org.plenigo.core.event;

import java.time.Instant;

/** Something that happened and was stored. Published only after its unit of work committed. */
public interface DomainEvent {
    Instant occurredAt();
}
