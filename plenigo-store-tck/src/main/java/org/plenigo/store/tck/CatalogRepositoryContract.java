package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.PriceBasis;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.idempotency.IdempotencyRecord;
import org.plenigo.core.money.Money;
import org.plenigo.core.time.Interval;

/**
 * Contract of the catalog, customer, idempotency and charge repository ports as their Javadoc
 * states it: inserts that refuse duplicate ids and duplicate unique keys, finds that return exactly
 * what was stored, and the documented ordering of charges.
 */
public abstract class CatalogRepositoryContract extends RepositoryFixtures {
    // ----- catalog and customers -----

    @Test
    void productContractsAreInsertedOnceAndFoundAsStored() {
        ProductContract credits = ProductContract.creditBased(ProductContractId.of("pc-yen"), "Yen pack",
                Money.of("500", "JPY"), TaxType.EBOOK, 10).withTerm(Interval.years(1))
                .withCancellationPeriod(Interval.weeks(2));
        ProductContract access = ProductContract.timeBased(ProductContractId.of("pc-access"), "Monthly access",
                Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1));
        ProductContract net = ProductContract.timeBased(ProductContractId.of("pc-net"), "Business access",
                Money.of("100.00", "EUR"), TaxType.DIGITAL_MAGAZINE, Interval.years(1)).withNetPrice();

        assertThat(tx(() -> store.productContracts().insert(credits))).isTrue();
        assertThat(tx(() -> store.productContracts().insert(access))).isTrue();
        assertThat(tx(() -> store.productContracts().insert(net))).isTrue();
        ProductContract sameId = ProductContract.creditBased(credits.id(), "Other", Money.of("1.00", "EUR"),
                TaxType.FEE, 1);

        assertThat(tx(() -> store.productContracts().insert(sameId))).isFalse();
        assertThat(tx(() -> store.productContracts().find(credits.id()))).contains(credits);
        assertThat(tx(() -> store.productContracts().find(access.id()))).contains(access);
        assertThat(tx(() -> store.productContracts().find(access.id())).orElseThrow().priceBasis())
                .isEqualTo(PriceBasis.GROSS);
        assertThat(tx(() -> store.productContracts().find(net.id()))).contains(net);
        assertThat(tx(() -> store.productContracts().find(net.id())).orElseThrow().priceBasis())
                .isEqualTo(PriceBasis.NET);
        assertThat(tx(() -> store.productContracts().find(ProductContractId.of("missing")))).isEmpty();
    }

    @Test
    void aContractsTermsAndItsConsumerNoticeRuleAreStored() {
        ProductContract yearly = ProductContract.timeBased(ProductContractId.of("pc-yearly"), "Yearly access",
                Money.of("99.00", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1)).withTerm(Interval.years(1))
                .withCancellationPeriod(Interval.months(1));
        ProductContract noNotice = ProductContract.timeBased(ProductContractId.of("pc-b2b"), "Business access",
                Money.of("99.00", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1)).withTerm(Interval.years(2))
                .withCancellationPeriod(Interval.months(3)).withConsumerNotice(false);

        assertThat(tx(() -> store.productContracts().insert(yearly))).isTrue();
        assertThat(tx(() -> store.productContracts().insert(noNotice))).isTrue();

        assertThat(tx(() -> store.productContracts().find(yearly.id()))).contains(yearly);
        assertThat(yearly.consumerNotice()).as("on by default").isTrue();
        assertThat(tx(() -> store.productContracts().find(noNotice.id()))).contains(noNotice)
                .hasValueSatisfying(c -> assertThat(c.consumerNotice()).isFalse());
    }

    @Test
    void walletsAreInsertedOnceAndFoundAsStored() {
        Wallet expiring = Wallet.of(WalletId.of("w-expiring"), "Expiring", Money.of("0.25", "EUR"))
                .withCreditValidity(Interval.days(30));

        assertThat(tx(() -> store.walletDefinitions().insert(expiring))).isTrue();
        assertThat(tx(() -> store.walletDefinitions().insert(Wallet.of(expiring.id(), "Other", Money.of("1", "USD")))))
                .isFalse();
        assertThat(tx(() -> store.walletDefinitions().find(expiring.id()))).contains(expiring);
        assertThat(tx(() -> store.walletDefinitions().find(W1))).contains(Wallet.of(W1, "Article credits",
                Money.of("0.50", "EUR")));
        assertThat(tx(() -> store.walletDefinitions().find(WalletId.of("missing")))).isEmpty();
    }

    @Test
    void accessRightsAreInsertedOnceAndFoundAsStored() {
        AccessRight premium = new AccessRight(AccessRightId.of("premium"), "Premium articles");

        assertThat(tx(() -> store.accessRights().insert(premium))).isTrue();
        assertThat(tx(() -> store.accessRights().insert(new AccessRight(premium.id(), "Other")))).isFalse();
        assertThat(tx(() -> store.accessRights().find(premium.id()))).contains(premium);
        assertThat(tx(() -> store.accessRights().find(AccessRightId.of("epaper")))).isEmpty();
    }

    @Test
    void offersAreInsertedOnceAndFoundAsStored() {
        ProductContract access = ProductContract.timeBased(ProductContractId.of("pc-access"), "Access",
                Money.of("9.90", "EUR"), TaxType.DIGITAL_NEWSPAPER, Interval.months(1));
        AccessRight premium = new AccessRight(AccessRightId.of("premium"), "Premium");
        AccessRight epaper = new AccessRight(AccessRightId.of("epaper"), "E-paper");
        Offer timeBased = Offer.timeBased(OfferId.of("o-access"), "Access", access.id(),
                Set.of(premium.id(), epaper.id()));
        Offer biweekly = Offer.usageBased(OfferId.of("o-biweekly"), "Every two weeks", CONTRACT, W2,
                TopUpPlan.every(Interval.weeks(2)));
        Offer pack = new Offer(OfferId.of("o-pack"), "One-time pack", OfferType.SINGLE_PURCHASE, CONTRACT,
                Optional.of(W1), Optional.empty(), Set.of());
        txRun(() -> {
            store.productContracts().insert(access);
            store.accessRights().insert(premium);
            store.accessRights().insert(epaper);
        });

        assertThat(tx(() -> store.offers().insert(timeBased))).isTrue();
        assertThat(tx(() -> store.offers().insert(biweekly))).isTrue();
        assertThat(tx(() -> store.offers().insert(pack))).isTrue();
        assertThat(tx(() -> store.offers().insert(Offer.usageBased(timeBased.id(), "Other", CONTRACT, W1,
                TopUpPlan.external())))).isFalse();

        assertThat(tx(() -> store.offers().find(timeBased.id()))).contains(timeBased);
        assertThat(tx(() -> store.offers().find(biweekly.id()))).contains(biweekly);
        assertThat(tx(() -> store.offers().find(pack.id()))).contains(pack);
        assertThat(tx(() -> store.offers().find(AUTOMATIC)).orElseThrow().topUpType()).isEqualTo(TopUpType.AUTOMATIC);
        assertThat(tx(() -> store.offers().find(OfferId.of("missing")))).isEmpty();
    }

    @Test
    void customersAreInsertedOnceAndFoundAsStored() {
        Customer business = Customer.of(CustomerId.of("c-business"), "billing@verlag.example", "Verlag GmbH", "DE")
                .withVatId("DE 123.456-789").withBillingAddress(new PostalAddress("Hauptstraße 1", "10115", "Berlin",
                        "DE"));
        Customer abroad = Customer.of(CustomerId.of("c-abroad"), "reader@example.ch", "Leser", "CH")
                .withBillingAddress(new PostalAddress("Postfach 12", "8001", "Zürich", "CH"));

        assertThat(tx(() -> store.customers().insert(business))).isTrue();
        assertThat(tx(() -> store.customers().insert(abroad))).isTrue();
        assertThat(tx(() -> store.customers().find(abroad.id()))).contains(abroad);
        assertThat(tx(() -> store.customers().find(business.id())).orElseThrow().vatId()).contains("DE123456789");
        assertThat(tx(() -> store.customers().setBlocked(business.id(), true))).isTrue();
        assertThat(tx(() -> store.customers().find(business.id()))).as("blocking keeps the billing address")
                .contains(business.withBlocked(true));
        assertThat(tx(() -> store.customers().setBlocked(business.id(), false))).isTrue();
        assertThat(tx(() -> store.customers().insert(Customer.of(business.id(), "x@example.org", "X", "FR"))))
                .isFalse();
        assertThat(tx(() -> store.customers().find(business.id()))).contains(business);
        assertThat(tx(() -> store.customers().find(C1))).contains(Customer.of(C1, "c1@example.org", "One", "DE"));
        assertThat(tx(() -> store.customers().find(CustomerId.of("missing")))).isEmpty();
    }

    // ----- idempotency records and charges -----

    @Test
    void idempotencyRecordsAreUniqueByKey() {
        IdempotencyRecord first = new IdempotencyRecord(IdempotencyKey.of("order-4711"), "wallet.consume",
                "f".repeat(64), "entry=le-1;credits=3", T);

        assertThat(tx(() -> store.idempotency().find(first.key()))).isEmpty();
        assertThat(tx(() -> store.idempotency().insert(first))).isTrue();
        assertThat(tx(() -> store.idempotency().insert(new IdempotencyRecord(first.key(), "wallet.grant",
                "0".repeat(64), "", T.plusSeconds(1))))).isFalse();
        assertThat(tx(() -> store.idempotency().find(first.key()))).contains(first);
        assertThat(tx(() -> store.idempotency().find(IdempotencyKey.of("order-4712")))).isEmpty();
    }

}
