package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.Plenigo;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.money.Money;
import org.plenigo.core.purchase.PurchaseResult;
import org.plenigo.core.wallet.LedgerEntry;
import org.plenigo.core.wallet.LedgerEntryType;

/**
 * Credit packs on the store under test: a SINGLE_PURCHASE of credits is charged once, invoiced,
 * and its credits are added to the customer's wallet by a ledger entry that names the purchase, all
 * or nothing, once per idempotency key.
 */
public abstract class CreditPackContract extends StoreContractSupport {
    private static final Money PACK_PRICE = Money.of("4.99", "EUR");

    private CustomerId reader;
    private WalletId credits;
    private OfferId pack;

    @BeforeEach
    void createCatalog() {
        reader = customer("reader-1");
        credits = wallet("article-credits");
        ProductContractId contract = creditContract("ten-credits", 10);
        pack = plenigo.catalog().createOffer(new Offer(OfferId.of("pack-10"), "Ten article credits",
                OfferType.SINGLE_PURCHASE, contract, Optional.of(credits), Optional.empty(), Set.of())).id();
    }

    @Test
    void aPackIsChargedInvoicedAndCreditedWithALedgerEntryNamingThePurchase() {
        PurchaseResult result = plenigo.purchases().buy(reader, pack, key("order-1"));

        assertThat(result).isInstanceOf(PurchaseResult.Purchased.class);
        PurchaseResult.Purchased purchased = (PurchaseResult.Purchased) result;
        assertThat(purchased.items()).isEmpty();
        assertThat(balance(reader, credits)).isEqualTo(10);
        List<LedgerEntry> ledger = ledger(reader, credits);
        assertThat(ledger).singleElement().satisfies(entry -> {
            assertThat(purchased.credits()).contains(entry.id());
            assertThat(entry.type()).isEqualTo(LedgerEntryType.TOP_UP);
            assertThat(entry.credits()).isEqualTo(10);
            assertThat(entry.reference()).contains(purchased.id().value());
            assertThat(entry.at()).isEqualTo(clock.instant());
        });
        assertThat(chargedAmounts(reader)).containsExactly(PACK_PRICE);
        assertThat(plenigo.invoices().list(reader, 0, 10)).singleElement().satisfies(invoice -> {
            assertThat(invoice.purpose()).isEqualTo(InvoicePurpose.PURCHASE);
            assertThat(invoice.paysFor()).isEqualTo(ChargeReference.singlePurchase(purchased.id().value()));
            assertThat(invoice.charge()).contains(purchased.charge());
            assertThat(invoice.gross()).isEqualTo(PACK_PRICE);
            assertThat(invoice.lines()).singleElement().satisfies(line ->
                    assertThat(line.description()).contains("10 credits"));
        });
        assertWalletConsistent(reader, credits);
    }

    @Test
    void theSameKeyAgainReplaysTheFirstPurchaseAndChargesNothing() {
        PurchaseResult first = plenigo.purchases().buy(reader, pack, key("order-1"));

        PurchaseResult again = plenigo.purchases().buy(reader, pack, key("order-1"));

        assertThat(again).isEqualTo(new PurchaseResult.Replayed((PurchaseResult.Purchased) first));
        assertThat(balance(reader, credits)).isEqualTo(10);
        assertThat(chargedAmounts(reader)).containsExactly(PACK_PRICE);
        assertThat(plenigo.invoices().list(reader, 0, 10)).hasSize(1);
    }

    @Test
    void aSecondPackAddsToTheSameWallet() {
        plenigo.purchases().buy(reader, pack, key("order-1"));
        consume(reader, credits, 3);

        plenigo.purchases().buy(reader, pack, key("order-2"));

        assertThat(balance(reader, credits)).isEqualTo(17);
        assertThat(ledgerTypes(reader, credits)).containsExactly(LedgerEntryType.TOP_UP, LedgerEntryType.CONSUMPTION,
                LedgerEntryType.TOP_UP);
        assertThat(chargedAmounts(reader)).containsExactly(PACK_PRICE, PACK_PRICE);
        assertWalletConsistent(reader, credits);
    }

    @Test
    void aFailedChargeAddsNoCreditsAndIssuesNoInvoice() {
        Plenigo declining = plenigoBuilderFailingCharges("card declined").build();

        PurchaseResult result = declining.purchases().buy(reader, pack, key("order-1"));

        assertThat(result).isEqualTo(new PurchaseResult.Refused(Refusal.PAYMENT_FAILED, "card declined"));
        assertThat(balance(reader, credits)).isZero();
        assertThat(ledger(reader, credits)).isEmpty();
        assertThat(plenigo.invoices().list(reader, 0, 10)).isEmpty();
        assertThat(tx(() -> store.customerWallets().find(reader, credits))).isEmpty();
    }

    @Test
    void afterAFailedChargeANewKeyBuysThePack() {
        plenigoBuilderFailingCharges("card declined").build().purchases().buy(reader, pack, key("order-1"));

        PurchaseResult retried = plenigo.purchases().buy(reader, pack, IdempotencyKey.of("order-1-retry"));

        assertThat(retried.grantedItems()).contains(List.of());
        assertThat(balance(reader, credits)).isEqualTo(10);
        List<Invoice> invoices = plenigo.invoices().list(reader, 0, 10);
        assertThat(invoices).hasSize(1);
    }
}
