package org.plenigo.core.catalog;

import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.money.Money;
import org.plenigo.core.time.Interval;

/**
 * The commercial terms of what is sold. A product contract must exist before an offer can use it.
 *
 * @param price              what one billing period (TIME_BASED) or one top-up (CREDIT_BASED) costs; not negative
 * @param term               minimum term; empty: runs until cancelled
 * @param billingInterval    how often a TIME_BASED contract is billed; required for TIME_BASED
 * @param cancellationPeriod notice needed to cancel; empty: cancel at any time
 * @param creditsPerTopUp    credits added per top-up; positive for CREDIT_BASED, zero for TIME_BASED
 * @param priceBasis         whether the price includes the tax (the default) or the tax is added to it
 * @param consumerNotice     whether a consumer in Germany may, once the initial {@code term} is over,
 *                           cancel at any time with at most one month's notice (§ 309 Nr. 9 BGB, for
 *                           contracts since 2022-03-01) instead of the term renewing; on by default,
 *                           it never applies to business customers or customers outside Germany
 */
public record ProductContract(ProductContractId id, String title, ContractType type, Money price, TaxType taxType,
                              Optional<Interval> term, Optional<Interval> billingInterval,
                              Optional<Interval> cancellationPeriod, long creditsPerTopUp, PriceBasis priceBasis,
                              boolean consumerNotice) {
    public ProductContract {
        Require.notNull(priceBasis, "productContract.priceBasis");
        Require.notNull(id, "productContract.id");
        Require.maxLength(Require.notBlank(title, "productContract.title"), 200, "productContract.title");
        Require.notNull(type, "productContract.type");
        Require.notNull(price, "productContract.price");
        Require.notNull(taxType, "productContract.taxType");
        Require.notNull(term, "productContract.term");
        Require.notNull(billingInterval, "productContract.billingInterval");
        Require.notNull(cancellationPeriod, "productContract.cancellationPeriod");
        if (price.isNegative()) {
            throw new ValidationException("productContract.price must not be negative, was " + price);
        }
        if (type == ContractType.CREDIT_BASED) {
            Require.positive(creditsPerTopUp, "productContract.creditsPerTopUp");
        } else if (creditsPerTopUp != 0) {
            throw new ValidationException("productContract.creditsPerTopUp must be 0 for a TIME_BASED contract, was "
                    + creditsPerTopUp);
        } else if (billingInterval.isEmpty()) {
            throw new ValidationException("productContract.billingInterval is required for a TIME_BASED contract");
        }
    }

    /** A contract with the consumer notice rule on. */
    public ProductContract(ProductContractId id, String title, ContractType type, Money price, TaxType taxType,
                           Optional<Interval> term, Optional<Interval> billingInterval,
                           Optional<Interval> cancellationPeriod, long creditsPerTopUp, PriceBasis priceBasis) {
        this(id, title, type, price, taxType, term, billingInterval, cancellationPeriod, creditsPerTopUp, priceBasis,
                true);
    }

    /** A contract whose price includes the tax. */
    public ProductContract(ProductContractId id, String title, ContractType type, Money price, TaxType taxType,
                           Optional<Interval> term, Optional<Interval> billingInterval,
                           Optional<Interval> cancellationPeriod, long creditsPerTopUp) {
        this(id, title, type, price, taxType, term, billingInterval, cancellationPeriod, creditsPerTopUp,
                PriceBasis.GROSS);
    }

    /** A contract that sells {@code creditsPerTopUp} credits for {@code price} per top-up. */
    public static ProductContract creditBased(ProductContractId id, String title, Money price, TaxType taxType,
                                              long creditsPerTopUp) {
        return new ProductContract(id, title, ContractType.CREDIT_BASED, price, taxType, Optional.empty(),
                Optional.empty(), Optional.empty(), creditsPerTopUp);
    }

    /** A contract that sells access for {@code price} per {@code billingInterval}. */
    public static ProductContract timeBased(ProductContractId id, String title, Money price, TaxType taxType,
                                            Interval billingInterval) {
        return new ProductContract(id, title, ContractType.TIME_BASED, price, taxType, Optional.empty(),
                Optional.of(Require.notNull(billingInterval, "productContract.billingInterval")), Optional.empty(), 0);
    }

    public ProductContract withTerm(Interval term) {
        return new ProductContract(id, title, type, price, taxType, Optional.of(term), billingInterval,
                cancellationPeriod, creditsPerTopUp, priceBasis, consumerNotice);
    }

    public ProductContract withCancellationPeriod(Interval period) {
        return new ProductContract(id, title, type, price, taxType, term, billingInterval, Optional.of(period),
                creditsPerTopUp, priceBasis, consumerNotice);
    }

    /**
     * This contract with the consumer notice rule on or off; off, a consumer's contract renews for
     * its term again, as a business customer's does (for contracts outside German consumer law).
     */
    public ProductContract withConsumerNotice(boolean on) {
        return new ProductContract(id, title, type, price, taxType, term, billingInterval, cancellationPeriod,
                creditsPerTopUp, priceBasis, on);
    }

    /** This contract with its price before tax: the tax is added to it. */
    public ProductContract withNetPrice() {
        return new ProductContract(id, title, type, price, taxType, term, billingInterval, cancellationPeriod,
                creditsPerTopUp, PriceBasis.NET, consumerNotice);
    }
}
