package org.plenigo.core.invoice;

import java.time.Instant;
import org.plenigo.core.Require;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.money.Money;

/** What happened to invoices. */
public sealed interface InvoiceEvent extends DomainEvent {
    /** An invoice or a cancellation was issued (and stored: events follow the commit). */
    record Issued(InvoiceId invoiceId, String number, InvoiceKind kind, CustomerId customerId, Money gross,
                  Instant occurredAt) implements InvoiceEvent {
        public Issued {
            Require.notNull(invoiceId, "invoiceId");
            Require.notBlank(number, "number");
            Require.notNull(kind, "kind");
            Require.notNull(customerId, "customerId");
            Require.notNull(gross, "gross");
            Require.notNull(occurredAt, "occurredAt");
        }

        public static Issued of(Invoice invoice) {
            return new Issued(invoice.id(), invoice.number(), invoice.kind(), invoice.customerId(), invoice.gross(),
                    invoice.issuedAt());
        }
    }
}
