package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.wallet.ConsumptionResult;

/**
 * The reader and the credit wallet of every usage-based subscription scenario, and the helpers to
 * read their results. Every scenario ends by checking that the balance equals the sum of the ledger
 * and never went below zero.
 */
abstract class WalletScenarioFixtures extends StoreContractSupport {
    CustomerId reader;
    WalletId articles;

    @BeforeEach
    void createReaderAndWallet() {
        reader = customer("reader-1");
        articles = wallet("article-credits");
    }

    // ----- helpers -----

    static ConsumptionResult.Consumed consumed(ConsumptionResult result) {
        assertThat(result).isInstanceOf(ConsumptionResult.Consumed.class);
        return (ConsumptionResult.Consumed) result;
    }

    static ConsumptionResult.Refused refused(ConsumptionResult result) {
        assertThat(result).isInstanceOf(ConsumptionResult.Refused.class);
        return (ConsumptionResult.Refused) result;
    }

    static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
