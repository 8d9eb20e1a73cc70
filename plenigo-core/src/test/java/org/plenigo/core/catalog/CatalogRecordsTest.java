package org.plenigo.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;
import org.plenigo.core.money.Money;
import org.plenigo.core.time.Interval;

class CatalogRecordsTest {
    private static final ProductContractId CONTRACT = ProductContractId.of("credits-5");
    private static final WalletId WALLET = WalletId.of("articles");
    private static final Money PRICE = Money.of("4.99", "EUR");

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    private static ProductContract contract(ContractType type, Money price, Optional<Interval> billing, long credits) {
        return new ProductContract(CONTRACT, "Five credits", type, price, TaxType.DIGITAL_NEWSPAPER, Optional.empty(),
                billing, Optional.empty(), credits);
    }

    @Test
    void validProductContracts() {
        ProductContract credits = ProductContract.creditBased(CONTRACT, "Five credits", PRICE, TaxType.EBOOK, 5);
        assertThat(credits.type()).isEqualTo(ContractType.CREDIT_BASED);
        assertThat(credits.creditsPerTopUp()).isEqualTo(5);
        ProductContract time = ProductContract.timeBased(ProductContractId.of("monthly"), "Monthly", PRICE,
                TaxType.DIGITAL_NEWSPAPER, Interval.months(1)).withTerm(Interval.years(1))
                .withCancellationPeriod(Interval.weeks(4));
        assertThat(time.billingInterval()).contains(Interval.months(1));
        assertThat(time.term()).contains(Interval.years(1));
        assertThat(time.cancellationPeriod()).contains(Interval.weeks(4));
        assertThat(contract(ContractType.CREDIT_BASED, Money.of("0", "EUR"), Optional.empty(), 1).price().isPositive())
                .isFalse();
    }

    @Test
    void productContractMessagesNameTheField() {
        assertInvalid(() -> contract(ContractType.CREDIT_BASED, PRICE, Optional.empty(), 0))
                .hasMessage("productContract.creditsPerTopUp must be positive, was 0");
        assertInvalid(() -> contract(ContractType.CREDIT_BASED, PRICE, Optional.empty(), -3))
                .hasMessage("productContract.creditsPerTopUp must be positive, was -3");
        assertInvalid(() -> contract(ContractType.TIME_BASED, PRICE, Optional.of(Interval.months(1)), 5))
                .hasMessageStartingWith("productContract.creditsPerTopUp must be 0").hasMessageEndingWith("was 5");
        assertInvalid(() -> contract(ContractType.TIME_BASED, PRICE, Optional.empty(), 0))
                .hasMessageContaining("productContract.billingInterval");
        assertInvalid(() -> contract(ContractType.CREDIT_BASED, Money.of("-0.01", "EUR"), Optional.empty(), 5))
                .hasMessageContaining("productContract.price").hasMessageContaining("-0.01 EUR");
        assertInvalid(() -> new ProductContract(CONTRACT, " ", ContractType.CREDIT_BASED, PRICE, TaxType.EBOOK,
                Optional.empty(), Optional.empty(), Optional.empty(), 5)).hasMessageContaining("productContract.title");
        assertInvalid(() -> new ProductContract(CONTRACT, "x".repeat(201), ContractType.CREDIT_BASED, PRICE,
                TaxType.EBOOK, Optional.empty(), Optional.empty(), Optional.empty(), 5))
                .hasMessageContaining("productContract.title").hasMessageContaining("201");
        assertInvalid(() -> new ProductContract(null, "t", ContractType.CREDIT_BASED, PRICE, TaxType.EBOOK,
                Optional.empty(), Optional.empty(), Optional.empty(), 5)).hasMessageContaining("productContract.id");
        assertInvalid(() -> new ProductContract(CONTRACT, "t", ContractType.CREDIT_BASED, null, TaxType.EBOOK,
                Optional.empty(), Optional.empty(), Optional.empty(), 5)).hasMessageContaining("productContract.price");
        assertInvalid(() -> new ProductContract(CONTRACT, "t", ContractType.CREDIT_BASED, PRICE, null,
                Optional.empty(), Optional.empty(), Optional.empty(), 5)).hasMessageContaining("productContract.taxType");
        assertInvalid(() -> new ProductContract(CONTRACT, "t", null, PRICE, TaxType.EBOOK,
                Optional.empty(), Optional.empty(), Optional.empty(), 5)).hasMessageContaining("productContract.type");
        assertInvalid(() -> ProductContract.timeBased(CONTRACT, "t", PRICE, TaxType.EBOOK, null))
                .hasMessageContaining("productContract.billingInterval");
    }

    @Test
    void walletMessagesNameTheField() {
        Wallet wallet = Wallet.of(WALLET, "Article credits", Money.of("1.00", "EUR"));
        assertThat(wallet.currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(wallet.creditValidity()).isEmpty();
        assertThat(wallet.withCreditValidity(Interval.years(1)).creditValidity()).contains(Interval.years(1));

        assertInvalid(() -> Wallet.of(WALLET, "Article credits", Money.of("0", "EUR")))
                .hasMessage("wallet.creditValue must be positive, was 0.00 EUR");
        assertInvalid(() -> Wallet.of(WALLET, "Article credits", Money.of("-1", "EUR")))
                .hasMessageContaining("wallet.creditValue");
        assertInvalid(() -> Wallet.of(WALLET, "", Money.of("1", "EUR"))).hasMessageContaining("wallet.title");
        assertInvalid(() -> Wallet.of(null, "t", Money.of("1", "EUR"))).hasMessageContaining("wallet.id");
        assertInvalid(() -> Wallet.of(WALLET, "t", null)).hasMessageContaining("wallet.creditValue");
        assertInvalid(() -> new Wallet(WALLET, "t", Money.of("1", "EUR"), null))
                .hasMessageContaining("wallet.creditValidity");
        assertInvalid(() -> wallet.withCreditValidity(null)).hasMessageContaining("wallet.creditValidity");
    }

    @Test
    void topUpPlanNeedsAnIntervalExactlyWhenTimeBased() {
        assertThat(TopUpPlan.automatic().type()).isEqualTo(TopUpType.AUTOMATIC);
        assertThat(TopUpPlan.external().interval()).isEmpty();
        assertThat(TopUpPlan.every(Interval.months(1)).interval()).contains(Interval.months(1));

        assertInvalid(() -> new TopUpPlan(TopUpType.TIME_BASED, Optional.empty()))
                .hasMessage("topUp.interval is required for a TIME_BASED top-up");
        assertInvalid(() -> new TopUpPlan(TopUpType.AUTOMATIC, Optional.of(Interval.days(1))))
                .hasMessageContaining("topUp.interval").hasMessageContaining("AUTOMATIC");
        assertInvalid(() -> new TopUpPlan(TopUpType.EXTERNAL, Optional.of(Interval.days(1))))
                .hasMessageContaining("topUp.interval").hasMessageContaining("EXTERNAL");
        assertInvalid(() -> new TopUpPlan(null, Optional.empty())).hasMessageContaining("topUp.type");
        assertInvalid(() -> TopUpPlan.every(null)).hasMessageContaining("topUp.interval");
    }

    @Test
    void validOffers() {
        Offer usage = Offer.usageBased(OfferId.of("five-a-month"), "5 a month", CONTRACT, WALLET,
                TopUpPlan.every(Interval.months(1)));
        assertThat(usage.type()).isEqualTo(OfferType.USAGE_BASED_SUBSCRIPTION);
        assertThat(usage.topUpType()).isEqualTo(TopUpType.TIME_BASED);
        Offer time = Offer.timeBased(OfferId.of("premium"), "Premium", CONTRACT, Set.of(AccessRightId.of("premium")));
        assertThat(time.accessRights()).containsExactly(AccessRightId.of("premium"));
        assertInvalid(time::topUpType).hasMessageContaining("premium");
        Offer pack = new Offer(OfferId.of("pack"), "Pack", OfferType.SINGLE_PURCHASE, CONTRACT, Optional.of(WALLET),
                Optional.empty(), Set.of());
        assertThat(pack.walletId()).contains(WALLET);
    }

    @Test
    void offerCopiesItsAccessRights() {
        java.util.Set<AccessRightId> rights = new java.util.HashSet<>(Set.of(AccessRightId.of("premium")));
        Offer offer = Offer.timeBased(OfferId.of("premium"), "Premium", CONTRACT, rights);
        rights.clear();
        assertThat(offer.accessRights()).containsExactly(AccessRightId.of("premium"));
        assertThatThrownBy(() -> offer.accessRights().add(AccessRightId.of("epaper")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aUsageBasedOfferWithoutWalletIsRefusedWithItsOwnCode() {
        assertThatThrownBy(() -> Offer.usageBased(OfferId.of("offer"), "t", CONTRACT, null, TopUpPlan.automatic()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.WALLET_REQUIRED))
                .hasMessage("offer.walletId is required for a USAGE_BASED_SUBSCRIPTION");
    }

    @Test
    void offerMessagesNameTheField() {
        OfferId id = OfferId.of("offer");
        assertInvalid(() -> Offer.usageBased(id, "t", CONTRACT, WALLET, null))
                .hasMessage("offer.topUp is required for a USAGE_BASED_SUBSCRIPTION");
        assertInvalid(() -> Offer.timeBased(id, "t", CONTRACT, Set.of()))
                .hasMessageContaining("offer.accessRights").hasMessageContaining("TIME_BASED_SUBSCRIPTION");
        assertInvalid(() -> new Offer(id, "t", OfferType.TIME_BASED_SUBSCRIPTION, CONTRACT, Optional.of(WALLET),
                Optional.empty(), Set.of(AccessRightId.of("premium")))).hasMessageContaining("offer.walletId");
        assertInvalid(() -> new Offer(id, "t", OfferType.TIME_BASED_SUBSCRIPTION, CONTRACT, Optional.empty(),
                Optional.of(TopUpPlan.automatic()), Set.of(AccessRightId.of("premium"))))
                .hasMessageContaining("offer.topUp");
        assertInvalid(() -> new Offer(id, "t", OfferType.SINGLE_PURCHASE, CONTRACT, Optional.of(WALLET),
                Optional.of(TopUpPlan.automatic()), Set.of())).hasMessageContaining("offer.topUp")
                .hasMessageContaining("SINGLE_PURCHASE");
        assertInvalid(() -> new Offer(id, "t", OfferType.SINGLE_PURCHASE, CONTRACT, Optional.empty(),
                Optional.empty(), Set.of())).hasMessageContaining("offer.accessRights")
                .hasMessageContaining("offer.walletId");
        assertInvalid(() -> Offer.usageBased(id, "t", null, WALLET, TopUpPlan.automatic()))
                .hasMessageContaining("offer.productContractId");
        assertInvalid(() -> Offer.usageBased(null, "t", CONTRACT, WALLET, TopUpPlan.automatic()))
                .hasMessageContaining("offer.id");
        assertInvalid(() -> Offer.usageBased(id, "  ", CONTRACT, WALLET, TopUpPlan.automatic()))
                .hasMessageContaining("offer.title");
        assertInvalid(() -> new Offer(id, "t", null, CONTRACT, Optional.of(WALLET), Optional.empty(), Set.of()))
                .hasMessageContaining("offer.type");
        assertInvalid(() -> new Offer(id, "t", OfferType.SINGLE_PURCHASE, CONTRACT, Optional.of(WALLET),
                Optional.empty(), null)).hasMessageContaining("offer.accessRights");
    }

    @Test
    void accessRightMessagesNameTheField() {
        assertThat(new AccessRight(AccessRightId.of("premium"), "Premium").title()).isEqualTo("Premium");
        assertInvalid(() -> new AccessRight(null, "Premium")).hasMessageContaining("accessRight.id");
        assertInvalid(() -> new AccessRight(AccessRightId.of("premium"), "")).hasMessageContaining("accessRight.title");
    }
}
