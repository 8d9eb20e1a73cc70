package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.charge.ChargeRequest;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.idempotency.IdempotencyKey;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.Payment;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.payment.PaymentStatus;

/**
 * Contract of the payment repository port, as its Javadoc states it: payments read back exactly
 * as stored (what they pay for, method, status, reason, provider reference, refunded amount, times
 * to the microsecond), ids, keys and provider references are unique, a customer's payments come
 * oldest first, a status changes only from the one the caller read, and every write is rolled
 * back with its unit of work.
 */
public abstract class PaymentRepositoryContract extends RepositoryFixtures {
    /** A microsecond, the finest step every store keeps. */
    private static final Duration MICRO = Duration.ofNanos(1_000);

    private static Payment payment(String id, String key, CustomerId customer, ChargeReference paysFor, Instant at,
                                   PaymentStatus status, Optional<String> reason, Optional<String> reference) {
        Money amount = Money.of("4.99", "EUR");
        return new Payment(ChargeId.of(id), new ChargeRequest(IdempotencyKey.of(key), customer, paysFor, amount,
                TaxType.DIGITAL_NEWSPAPER, "5 credits: Automatic", at), Optional.of(PaymentMethodId.of("pm-" + id)),
                status, reason, reference, Money.zero(amount.currency()), at);
    }

    private static Payment succeeded(String id, String key, CustomerId customer, ChargeReference paysFor, Instant at) {
        return payment(id, key, customer, paysFor, at, PaymentStatus.SUCCEEDED, Optional.empty(),
                Optional.of("ref-" + id));
    }

    @Test
    void paymentsAreUniqueByIdKeyAndProviderReferenceAndListedOldestFirst() {
        ChargeReference subscription = ChargeReference.subscription("s-1");
        ChargeReference purchase = ChargeReference.singlePurchase("p-1");
        Payment later = succeeded("ch-a", "k-1", C1, subscription, T.plusSeconds(60).plus(MICRO));
        Payment earlierB = succeeded("ch-b", "k-2", C1, purchase, T);
        Payment earlierC = payment("ch-c", "k-3", C1, subscription, T, PaymentStatus.DECLINED,
                Optional.of("insufficient funds"), Optional.empty());
        Payment otherCustomer = payment("ch-d", "k-4", C2, purchase, T.minusSeconds(60), PaymentStatus.FAILED,
                Optional.of("timeout"), Optional.empty());
        for (Payment payment : List.of(later, earlierC, otherCustomer, earlierB)) {
            assertThat(tx(() -> store.payments().insert(payment))).as(payment.id().value()).isTrue();
        }
        assertThat(tx(() -> store.payments().insert(succeeded("ch-a", "k-other", C1, purchase, T)))).as("same id")
                .isFalse();
        assertThat(tx(() -> store.payments().insert(succeeded("ch-other", "k-1", C1, purchase, T)))).as("same key")
                .isFalse();
        assertThat(tx(() -> store.payments().insert(payment("ch-x", "k-x", C1, purchase, T, PaymentStatus.PENDING,
                Optional.empty(), Optional.of("ref-ch-a"))))).as("same provider reference").isFalse();

        assertThat(tx(() -> store.payments().find(ChargeId.of("ch-a")))).contains(later);
        assertThat(tx(() -> store.payments().findByKey(IdempotencyKey.of("k-3")))).contains(earlierC);
        assertThat(tx(() -> store.payments().findByKey(IdempotencyKey.of("k-other")))).isEmpty();
        assertThat(tx(() -> store.payments().findByProviderReference("ref-ch-b"))).contains(earlierB);
        assertThat(tx(() -> store.payments().findByProviderReference("ref-none"))).isEmpty();
        assertThat(tx(() -> store.payments().findByCustomer(C1))).containsExactly(earlierB, earlierC, later);
        assertThat(tx(() -> store.payments().findByCustomer(C2))).containsExactly(otherCustomer);
        assertThat(tx(() -> store.payments().findByCustomer(CustomerId.of("nobody")))).isEmpty();
    }

    @Test
    void aPaymentWithoutMethodOrReferenceReadsBackAsStored() {
        Payment migrated = new Payment(ChargeId.of("ch-old"), new ChargeRequest(IdempotencyKey.of("k-old"), C1,
                ChargeReference.subscription("s-1"), Money.of("0.00", "EUR"), TaxType.DIGITAL_PRODUCT, "Free first",
                T), Optional.empty(), PaymentStatus.SUCCEEDED, Optional.empty(), Optional.empty(),
                Money.of("0.00", "EUR"), T);
        assertThat(tx(() -> store.payments().insert(migrated))).isTrue();
        assertThat(tx(() -> store.payments().find(migrated.id()))).contains(migrated);
    }

    @Test
    void aStatusChangesOnlyFromTheStatusAndRefundTheCallerRead() {
        Payment pending = payment("ch-p", "k-p", C1, ChargeReference.singlePurchase("p-1"), T, PaymentStatus.PENDING,
                Optional.empty(), Optional.of("ref-p"));
        txRun(() -> store.payments().insert(pending));
        Instant later = T.plusSeconds(3600).plus(MICRO);
        Payment settled = pending.with(PaymentStatus.SETTLED, Optional.empty(), pending.refunded(), later);
        Payment returned = pending.with(PaymentStatus.RETURNED, Optional.of("MD06 refund request"), pending.refunded(),
                later);

        assertThat(tx(() -> store.payments().update(pending, settled))).isTrue();
        assertThat(tx(() -> store.payments().update(pending, returned))).as("not pending any more").isFalse();
        assertThat(tx(() -> store.payments().find(pending.id()))).contains(settled);

        Payment partly = settled.with(PaymentStatus.REFUNDED, Optional.empty(), Money.of("1.99", "EUR"), later);
        Payment wholly = settled.with(PaymentStatus.REFUNDED, Optional.empty(), Money.of("4.99", "EUR"), later);
        assertThat(tx(() -> store.payments().update(settled, partly))).isTrue();
        assertThat(tx(() -> store.payments().update(settled, wholly))).as("the refunded amount changed").isFalse();
        assertThat(tx(() -> store.payments().update(partly, wholly))).isTrue();
        assertThat(tx(() -> store.payments().find(pending.id()))).contains(wholly);
        assertThat(tx(() -> store.payments().update(payment("ch-none", "k-none", C1,
                ChargeReference.singlePurchase("p-1"), T, PaymentStatus.PENDING, Optional.empty(), Optional.empty()),
                settled))).as("no such payment").isFalse();
    }

    @Test
    void writesAreRolledBackWithTheirUnitOfWork() {
        Payment pending = payment("ch-p", "k-p", C1, ChargeReference.singlePurchase("p-1"), T, PaymentStatus.PENDING,
                Optional.empty(), Optional.of("ref-p"));
        RuntimeException failure = new IllegalStateException("rolled back");
        assertThatThrownBy(() -> txRun(() -> {
            store.payments().insert(pending);
            throw failure;
        })).isSameAs(failure);
        assertThat(tx(() -> store.payments().find(pending.id()))).isEmpty();
        assertThat(tx(() -> store.payments().findByProviderReference("ref-p"))).isEmpty();

        txRun(() -> store.payments().insert(pending));
        assertThatThrownBy(() -> txRun(() -> {
            store.payments().update(pending, pending.with(PaymentStatus.SETTLED, Optional.empty(), pending.refunded(),
                    T.plusSeconds(1)));
            throw failure;
        })).isSameAs(failure);
        assertThat(tx(() -> store.payments().find(pending.id()))).contains(pending);
        assertThat(tx(() -> store.payments().findByCustomer(C1))).containsExactly(pending);
    }
}
