package org.plenigo.core.access;

import java.time.Instant;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;

/**
 * Events about what customers may read, published after the change was stored: the signal for a
 * CMS to drop cached access decisions of the customer before their {@code cacheUntil}.
 */
public sealed interface AccessEvent extends DomainEvent {
    CustomerId customerId();

    /** An item was granted (by a subscription, a purchase, an unlock or the API). */
    record ItemGranted(CustomerId customerId, AccessRightItem item, Instant occurredAt) implements AccessEvent {
    }

    /** An item's lifetime was cut short: it ends at {@code endsAt}. */
    record ItemEnded(CustomerId customerId, AccessRightItemId itemId, Instant endsAt, Instant occurredAt)
            implements AccessEvent {
    }

    /** An item's lifetime was extended: it now ends at {@code endsAt} (a renewed subscription period). */
    record ItemExtended(CustomerId customerId, AccessRightItemId itemId, Instant endsAt, Instant occurredAt)
            implements AccessEvent {
    }

    /** An item was blocked ({@code blocked}) or unblocked. */
    record ItemBlockChanged(CustomerId customerId, AccessRightItemId itemId, boolean blocked, Instant occurredAt)
            implements AccessEvent {
    }

    /** The customer was blocked ({@code blocked}) or unblocked. */
    record CustomerBlockChanged(CustomerId customerId, boolean blocked, Instant occurredAt) implements AccessEvent {
    }
}
