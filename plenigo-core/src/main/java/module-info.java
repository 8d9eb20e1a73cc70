/**
 * plenigo's core: the domain, its services and the storage ports. Exported are the packages a
 * host calls (the entry point {@code org.plenigo.core.Plenigo}, the features' values, results and
 * services) and the ports a store implements; the services' helpers live in {@code internal}
 * packages, which no other module sees.
 */
module org.plenigo.core {
    requires org.slf4j;

    exports org.plenigo.core;
    exports org.plenigo.core.access;
    exports org.plenigo.core.catalog;
    exports org.plenigo.core.charge;
    exports org.plenigo.core.checkout;
    exports org.plenigo.core.consent;
    exports org.plenigo.core.customer;
    exports org.plenigo.core.event;
    exports org.plenigo.core.idempotency;
    exports org.plenigo.core.invoice;
    exports org.plenigo.core.money;
    exports org.plenigo.core.payment;
    exports org.plenigo.core.purchase;
    exports org.plenigo.core.settlement;
    exports org.plenigo.core.store;
    exports org.plenigo.core.subscription;
    exports org.plenigo.core.tax;
    exports org.plenigo.core.time;
    exports org.plenigo.core.topup;
    exports org.plenigo.core.wallet;
}
