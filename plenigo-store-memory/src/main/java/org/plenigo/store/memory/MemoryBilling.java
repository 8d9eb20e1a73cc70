package org.plenigo.store.memory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.StorageException;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceId;
import org.plenigo.core.invoice.InvoiceKind;
import org.plenigo.core.invoice.InvoiceNumberRepository;
import org.plenigo.core.invoice.InvoiceRepository;
import org.plenigo.core.tax.TaxRule;
import org.plenigo.core.tax.TaxRuleId;
import org.plenigo.core.tax.TaxRuleRepository;

/**
 * Tax rules, invoices and the counters of invoice number series. Units of work run one at a time
 * under the store's lock, so a counter is read and replaced within one, and the undo log gives a
 * number back when its unit of work rolls back. Invoices are kept by id, with indexes by number,
 * by the invoice a cancellation cancels, by charge (the newest invoice of each) and per customer
 * as a list sorted newest first.
 */
final class MemoryBilling {
    private static final Comparator<TaxRule> BY_COUNTRY_TYPE_START = Comparator.comparing(TaxRule::country)
            .thenComparing(r -> r.taxType().name()).thenComparing(TaxRule::validFrom)
            .thenComparing(r -> r.id().value());
    private static final Comparator<Invoice> NEWEST_FIRST = Comparator.<Invoice, Instant>comparing(Invoice::issuedAt)
            .thenComparing(Invoice::number).reversed();

    private final MemoryTransactions transactions;
    private final MemoryTable<TaxRuleId, TaxRule> rules;
    private final MemoryTable<InvoiceId, Invoice> invoices;
    private final MemoryTable<String, InvoiceId> invoicesByNumber;
    /** The cancellation of each cancelled invoice, by the id of the invoice it cancels. */
    private final MemoryTable<InvoiceId, InvoiceId> cancellations;
    private final MemoryTable<CustomerId, List<Invoice>> invoicesByCustomer;
    /** The newest invoice (not a cancellation) of each charge. */
    private final MemoryTable<ChargeId, Invoice> invoicesByCharge;
    private final MemoryTable<String, Long> counters;

    final TaxRuleRepository taxRuleRepository = new TaxRuleRepository() {
        public List<TaxRule> lockRules(String country, TaxType taxType) {
            // units of work never interleave on this store: holding its lock already keeps every other
            // unit of work away from these rules, and from the rule not written yet, until this one ends
            transactions.requireUnitOfWork();
            return find(country, taxType);
        }

        public boolean insert(TaxRule rule) {
            Require.notNull(rule, "taxRule");
            return rules.insert(rule.id(), rule);
        }

        public int insertMissing(Collection<TaxRule> missing) {
            Require.notNull(missing, "taxRules");
            missing.forEach(rule -> Require.notNull(rule, "taxRule"));
            int stored = 0;
            for (TaxRule rule : missing) {
                if (rules.insert(rule.id(), rule)) {
                    stored++;
                }
            }
            return stored;
        }

        public boolean end(TaxRuleId id, LocalDate validUntil) {
            Require.notNull(id, "taxRuleId");
            Require.notNull(validUntil, "validUntil");
            TaxRule rule = rules.get(id);
            if (rule == null) {
                return false;
            }
            rules.update(id, rule.endingOn(validUntil));
            return true;
        }

        public List<TaxRule> find(String country, TaxType taxType) {
            Require.notNull(country, "country");
            Require.notNull(taxType, "taxType");
            return rules.values().stream().filter(r -> r.country().equals(country) && r.taxType() == taxType)
                    .sorted(BY_COUNTRY_TYPE_START).toList();
        }

        public List<TaxRule> findAll() {
            return rules.values().stream().sorted(BY_COUNTRY_TYPE_START).toList();
        }
    };

    final InvoiceRepository invoiceRepository = new InvoiceRepository() {
        public boolean insert(Invoice invoice) {
            Require.notNull(invoice, "invoice");
            Optional<InvoiceId> cancelled = invoice.cancels();
            if (invoices.contains(invoice.id()) || cancelled.filter(cancellations::contains).isPresent()) {
                return false;
            }
            if (invoicesByNumber.contains(invoice.number())) {
                throw new StorageException("invoice number '" + invoice.number() + "' is taken already", null);
            }
            if (cancelled.isPresent() && !invoices.contains(cancelled.get())) {
                throw new StorageException("invoice " + invoice.id() + " cancels invoice " + cancelled.get()
                        + ", which does not exist", null);
            }
            invoices.insert(invoice.id(), invoice);
            invoicesByNumber.insert(invoice.number(), invoice.id());
            cancelled.ifPresent(original -> cancellations.insert(original, invoice.id()));
            MemoryTable.addSorted(invoicesByCustomer, invoice.customerId(), invoice, NEWEST_FIRST);
            if (invoice.kind() == InvoiceKind.INVOICE && invoice.charge().isPresent()) {
                ChargeId charge = invoice.charge().get();
                Invoice newest = invoicesByCharge.get(charge);
                if (newest == null || NEWEST_FIRST.compare(invoice, newest) < 0) {
                    invoicesByCharge.update(charge, invoice);
                }
            }
            return true;
        }

        public Optional<Invoice> find(InvoiceId id) {
            Require.notNull(id, "invoiceId");
            return invoices.find(id);
        }

        public List<Invoice> findByCustomer(CustomerId customerId, int offset, int limit) {
            Require.notNull(customerId, "customerId");
            Require.notNegative(offset, "offset");
            Require.positive(limit, "limit");
            List<Invoice> all = invoicesByCustomer.find(customerId).orElse(List.of());
            return offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + limit));
        }

        public Optional<Invoice> findByCharge(ChargeId chargeId) {
            Require.notNull(chargeId, "chargeId");
            return invoicesByCharge.find(chargeId);
        }

        public Optional<Invoice> findCancellation(InvoiceId cancelled) {
            Require.notNull(cancelled, "invoiceId");
            return cancellations.find(cancelled).flatMap(invoices::find);
        }
    };

    final InvoiceNumberRepository invoiceNumberRepository = new InvoiceNumberRepository() {
        public long next(String seriesId) {
            Require.id(seriesId, "seriesId");
            transactions.requireUnitOfWork();
            long next = Math.addExact(counters.find(seriesId).orElse(0L), 1);
            counters.update(seriesId, next);
            return next;
        }
    };

    MemoryBilling(MemoryTransactions transactions) {
        this.transactions = transactions;
        rules = new MemoryTable<>(transactions);
        invoices = new MemoryTable<>(transactions);
        invoicesByNumber = new MemoryTable<>(transactions);
        cancellations = new MemoryTable<>(transactions);
        invoicesByCustomer = new MemoryTable<>(transactions);
        invoicesByCharge = new MemoryTable<>(transactions);
        counters = new MemoryTable<>(transactions);
    }
}
