package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.checkout.Order;
import org.plenigo.core.checkout.OrderId;
import org.plenigo.core.checkout.OrderLine;
import org.plenigo.core.checkout.OrderStatus;
import org.plenigo.core.consent.ConsentQuestion;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.PaymentMethod;
import org.plenigo.core.payment.PaymentMethodDetails.CreditCard;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;
import org.plenigo.core.time.Interval;

/**
 * The order repository of the store under test: an order reads back whole (lines and consent
 * questions in order, amounts, instants at microsecond precision), an id is stored once, and an
 * order is completed once.
 */
public abstract class OrderRepositoryContract extends StoreContractSupport {
    private static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123456Z");

    private CustomerId reader;
    private OfferId offer;
    private PaymentMethod card;

    @BeforeEach
    void createCatalog() {
        reader = customer("reader-1");
        offer = timeBasedOffer("monthly", Interval.months(1), hardRight("premium"));
        card = plenigo.paymentMethods().add(reader, new CreditCard("tok", "VISA", "4242", 2, 2030), true, key("card"));
    }

    private Order order(String id, Optional<Instant> completedAt) {
        List<OrderLine> lines = List.of(
                new OrderLine("First period", TaxType.DIGITAL_NEWSPAPER, 2, TaxRate.of("7"), eur("18.50"),
                        eur("1.30"), eur("19.80")),
                new OrderLine("Shipping", TaxType.SHIPPING_COSTS, 1, TaxRate.of("19"), eur("4.20"), eur("0.80"),
                        eur("5.00")));
        return new Order(new OrderId(id), reader, offer, 2, Optional.of(card.id()), lines, eur("22.70"), eur("2.10"),
                eur("24.80"), TaxTreatment.TAXED, List.of(ConsentQuestion.marketing("Offers by email?", "v3"),
                new ConsentQuestion("surveys", "May we ask you?", "1")), CREATED, CREATED.plusSeconds(1800),
                completedAt.isPresent() ? OrderStatus.COMPLETED : OrderStatus.OPEN, completedAt);
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    @Test
    void anOrderReadsBackWhole() {
        Order order = order("ord-1", Optional.empty());

        assertThat(tx(() -> store.orders().insert(order))).isTrue();

        assertThat(tx(() -> store.orders().find(order.id()))).contains(order);
        assertThat(tx(() -> store.orders().find(new OrderId("ord-unknown")))).isEmpty();
    }

    @Test
    void anOrderWithoutPaymentMethodOrQuestionsReadsBack() {
        Order order = new Order(new OrderId("ord-2"), reader, offer, 1, Optional.empty(), List.of(new OrderLine(
                "Article", TaxType.EBOOK, 1, TaxRate.ZERO, eur("9.90"), eur("0.00"), eur("9.90"))), eur("9.90"),
                eur("0.00"), eur("9.90"), TaxTreatment.REVERSE_CHARGE, List.of(), CREATED, CREATED.plusSeconds(60),
                OrderStatus.OPEN, Optional.empty());

        txRun(() -> store.orders().insert(order));

        assertThat(tx(() -> store.orders().find(order.id()))).contains(order);
    }

    @Test
    void anIdIsStoredOnce() {
        Order order = order("ord-1", Optional.empty());
        txRun(() -> store.orders().insert(order));

        assertThat(tx(() -> store.orders().insert(order("ord-1", Optional.of(CREATED))))).isFalse();

        assertThat(tx(() -> store.orders().find(order.id()))).contains(order);
    }

    @Test
    void anOrderIsCompletedOnce() {
        Order order = order("ord-1", Optional.empty());
        txRun(() -> store.orders().insert(order));
        Instant at = CREATED.plusSeconds(60);

        assertThat(tx(() -> store.orders().complete(order.id(), at))).isTrue();
        assertThat(tx(() -> store.orders().complete(order.id(), at.plusSeconds(1)))).isFalse();
        assertThat(tx(() -> store.orders().complete(new OrderId("ord-unknown"), at))).isFalse();

        assertThat(tx(() -> store.orders().find(order.id()))).contains(order.completed(at));
    }

    @Test
    void aRolledBackOrderIsNotKept() {
        try {
            txRun(() -> {
                store.orders().insert(order("ord-1", Optional.empty()));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the unit of work rolled back
        }

        assertThat(tx(() -> store.orders().find(new OrderId("ord-1")))).isEmpty();
    }
}
