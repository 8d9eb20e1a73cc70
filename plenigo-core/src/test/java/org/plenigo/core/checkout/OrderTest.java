package org.plenigo.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.consent.ConsentQuestion;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;

class OrderTest {
    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final OrderLine LINE = line("9.25", "0.65", "9.90");

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static OrderLine line(String net, String tax, String gross) {
        return new OrderLine("First period", TaxType.DIGITAL_NEWSPAPER, 1, TaxRate.of("7"), eur(net), eur(tax),
                eur(gross));
    }

    private static Order order(List<OrderLine> lines, String net, String tax, String gross, Instant validUntil,
                               OrderStatus status, Optional<Instant> completedAt, List<ConsentQuestion> questions) {
        return new Order(OrderId.of("ord-1"), CustomerId.of("c-1"), OfferId.of("o-1"), 1, Optional.empty(), lines,
                eur(net), eur(tax), eur(gross), TaxTreatment.TAXED, questions, CREATED, validUntil, status,
                completedAt);
    }

    private static Order open() {
        return order(List.of(LINE), "9.25", "0.65", "9.90", CREATED.plusSeconds(1800), OrderStatus.OPEN,
                Optional.empty(), List.of());
    }

    private static void assertInvalid(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessageContaining(messagePart);
    }

    @Test
    void anOrderExpiresAtItsValidUntil() {
        Order order = open();

        assertThat(order.isExpiredAt(CREATED.plusSeconds(1799))).isFalse();
        assertThat(order.isExpiredAt(CREATED.plusSeconds(1800))).isTrue();
        assertThat(order.isExpiredAt(CREATED.plusSeconds(3600))).isTrue();
    }

    @Test
    void completingSetsTheStatusAndTheTimeTogether() {
        Order completed = open().completed(CREATED.plusSeconds(60));

        assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(completed.completedAt()).contains(CREATED.plusSeconds(60));
        assertInvalid(() -> order(List.of(LINE), "9.25", "0.65", "9.90", CREATED.plusSeconds(1800),
                OrderStatus.COMPLETED, Optional.empty(), List.of()), "completedAt");
        assertInvalid(() -> order(List.of(LINE), "9.25", "0.65", "9.90", CREATED.plusSeconds(1800),
                OrderStatus.OPEN, Optional.of(CREATED), List.of()), "completedAt");
    }

    @Test
    void theTotalsAreTheSumsOfTheLines() {
        Order two = order(List.of(LINE, line("4.66", "0.33", "4.99")), "13.91", "0.98", "14.89",
                CREATED.plusSeconds(60), OrderStatus.OPEN, Optional.empty(), List.of());
        assertThat(two.gross()).isEqualTo(eur("14.89"));

        assertInvalid(() -> order(List.of(LINE), "9.24", "0.66", "9.90", CREATED.plusSeconds(60), OrderStatus.OPEN,
                Optional.empty(), List.of()), "sums of its lines");
        assertInvalid(() -> order(List.of(LINE), "9.25", "0.65", "9.91", CREATED.plusSeconds(60), OrderStatus.OPEN,
                Optional.empty(), List.of()), "sums of its lines");
        assertInvalid(() -> order(List.of(), "0.00", "0.00", "0.00", CREATED.plusSeconds(60), OrderStatus.OPEN,
                Optional.empty(), List.of()), "order.lines");
    }

    @Test
    void aLineAddsUpAndHasAQuantity() {
        assertInvalid(() -> line("9.25", "0.65", "9.80"), "is not 9.80 EUR gross");
        assertInvalid(() -> line("-1.00", "0.00", "-1.00"), "must not be negative");
        assertInvalid(() -> new OrderLine("x", TaxType.EBOOK, 0, TaxRate.ZERO, eur("1.00"), eur("0.00"),
                eur("1.00")), "orderLine.quantity");
    }

    @Test
    void theValidityEndsAfterTheOrderWasMadeAndEachPurposeIsAskedOnce() {
        assertInvalid(() -> order(List.of(LINE), "9.25", "0.65", "9.90", CREATED, OrderStatus.OPEN,
                Optional.empty(), List.of()), "order.validUntil");
        ConsentQuestion optIn = ConsentQuestion.marketing("Offers by email?", "1");
        assertInvalid(() -> order(List.of(LINE), "9.25", "0.65", "9.90", CREATED.plusSeconds(60), OrderStatus.OPEN,
                Optional.empty(), List.of(optIn, ConsentQuestion.marketing("Other text", "2"))), "marketing");
    }

    @Test
    void theQuantityIsBounded() {
        assertInvalid(() -> new Order(OrderId.of("ord-1"), CustomerId.of("c-1"), OfferId.of("o-1"),
                Order.MAX_QUANTITY + 1, Optional.empty(), List.of(LINE), eur("9.25"), eur("0.65"), eur("9.90"),
                TaxTreatment.TAXED, List.of(), CREATED, CREATED.plusSeconds(60), OrderStatus.OPEN, Optional.empty()),
                "order.quantity");
    }

    @Test
    void aConsentQuestionNamesItsFields() {
        assertInvalid(() -> new ConsentQuestion("marketing", " ", "1"), "consent.text");
        assertInvalid(() -> new ConsentQuestion("marketing", "text", " "), "consent.version");
        assertInvalid(() -> new ConsentQuestion("", "text", "1"), "consent.purpose");
    }
}
