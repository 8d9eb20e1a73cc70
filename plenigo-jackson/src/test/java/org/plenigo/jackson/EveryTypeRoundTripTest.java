package org.plenigo.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.Plenigo;
import org.plenigo.core.access.AccessEvent;
import org.plenigo.core.access.IpRange;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.checkout.Order;
import org.plenigo.core.checkout.OrderId;
import org.plenigo.core.checkout.OrderLine;
import org.plenigo.core.checkout.OrderStatus;
import org.plenigo.core.consent.ConsentQuestion;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceId;
import org.plenigo.core.invoice.InvoiceKind;
import org.plenigo.core.invoice.InvoiceLine;
import org.plenigo.core.invoice.InvoiceParty;
import org.plenigo.core.invoice.InvoicePurpose;
import org.plenigo.core.money.Money;
import org.plenigo.core.payment.PaymentMethodId;
import org.plenigo.core.subscription.SubscriptionResult;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.jackson.internal.CoreTypes;

/**
 * Every value, result and event of the core goes to JSON and back unchanged, and its JSON follows
 * the mapping rules ({@link JsonShape}). The types are found by reading the core's module
 * ({@link CoreTypeScan}: every public record, enum and sealed interface of an exported package),
 * their samples made by reflection ({@link Samples}), so a type the core adds is tested without a
 * change here; one that cannot be mapped fails its own test, named after the type.
 */
class EveryTypeRoundTripTest {
    /**
     * Samples for the records whose checks tie several components together beyond what
     * {@link Samples} finds by trying: an invoice's and an order's totals must be the sums of their lines.
     */
    private static final Map<Class<?>, Supplier<Object>> OVERRIDES = Map.of(
            Invoice.class, EveryTypeRoundTripTest::invoice,
            Order.class, EveryTypeRoundTripTest::order,
            // written as its text: the sample must be a network address, which no generic address is
            IpRange.class, () -> IpRange.parse("192.0.2.0/24"));

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new PlenigoModule());
    private final Samples samples = new Samples(OVERRIDES);

    @TestFactory
    Stream<DynamicTest> everyCoreValueRoundTrips() {
        return CoreTypeScan.valueTypes().stream()
                .map(type -> DynamicTest.dynamicTest(type.getName(), () -> roundTripNamingTheType(type)));
    }

    @Test
    void theScanFindsValuesResultsAndEventsButNoServicesPortsOrHelpers() {
        List<Class<?>> types = CoreTypeScan.valueTypes();
        assertThat(types).contains(Money.class, CustomerId.class, ErrorCode.class, ConsumptionResult.class,
                ConsumptionResult.Refused.class, SubscriptionResult.Created.class, AccessEvent.ItemGranted.class,
                Invoice.class);
        assertThat(types).allMatch(type -> type.isRecord() || type.isEnum() || type.isSealed());
        assertThat(types).noneMatch(type -> type.getPackageName().endsWith(".internal"));
        assertThat(types).hasSizeGreaterThan(100);
    }

    @Test
    void aTypeWithoutASampleFailsNamingIt() {
        // a class is no value: no rule makes a sample of it, and the failure says which type it was
        assertThatThrownBy(() -> roundTripNamingTheType(Plenigo.Builder.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org.plenigo.core.Plenigo$Builder");
    }

    private void roundTripNamingTheType(Class<?> type) {
        try {
            roundTrip(type);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new AssertionError(type.getName() + " does not round-trip: " + e, e);
        }
    }

    private void roundTrip(Class<?> type) throws Exception {
        Object sample;
        try {
            sample = samples.sample(type);
        } catch (RuntimeException e) {
            throw new AssertionError("no sample of " + type.getName() + ": " + e.getMessage(), e);
        }
        String json = mapper.writerFor(type).writeValueAsString(sample);
        JsonNode tree = mapper.readTree(json);
        List<String> problems = new ArrayList<>();
        JsonShape.check(sample, tree, type.getSimpleName(), problems);
        if (CoreTypes.isFamily(type) && !tree.has(CoreTypes.TYPE_PROPERTY)) {
            problems.add(type.getSimpleName() + ": a sealed family's value must name its variant, was " + json);
        }
        assertThat(problems).as("the JSON of %s: %s", type.getName(), json).isEmpty();
        Object back = mapper.readValue(json, type);
        assertThat(back).as("%s read back from %s", type.getName(), json).isEqualTo(sample);
    }

    private static Order order() {
        OrderLine line = new OrderLine("Premium", TaxType.DIGITAL_NEWSPAPER, 1, TaxRate.of("7"),
                Money.of("9.34", "EUR"), Money.of("0.65", "EUR"), Money.of("9.99", "EUR"));
        return new Order(OrderId.of("order-1"), CustomerId.of("anna"), OfferId.of("premium"), 1,
                Optional.of(PaymentMethodId.of("card-1")), List.of(line), line.net(), line.tax(), line.gross(),
                TaxTreatment.TAXED, List.of(ConsentQuestion.marketing("Newsletter?", "v1")),
                Instant.parse("2025-03-11T08:00:00Z"), Instant.parse("2025-03-11T08:30:00Z"), OrderStatus.COMPLETED,
                Optional.of(Instant.parse("2025-03-11T08:05:00Z")));
    }

    private static Invoice invoice() {
        InvoiceLine line = new InvoiceLine("Premium, March", TaxType.DIGITAL_NEWSPAPER, LocalDate.of(2025, 3, 1),
                LocalDate.of(2025, 3, 31), TaxRate.of("7"), Money.of("9.34", "EUR"), Money.of("0.65", "EUR"),
                Money.of("9.99", "EUR"));
        InvoiceParty seller = new InvoiceParty("Beispiel Verlag GmbH",
                Optional.of(new PostalAddress("Zeitungsweg 1", "20095", "Hamburg", "DE")), Optional.of("DE811234567"));
        InvoiceParty customer = new InvoiceParty("Anna Becker", Optional.empty(), Optional.empty());
        return new Invoice(new InvoiceId("inv-1"), "RE-2025-000001", "RE", InvoiceKind.INVOICE,
                InvoicePurpose.SUBSCRIPTION_PERIOD, CustomerId.of("anna"), Instant.parse("2025-03-31T22:00:00Z"),
                LocalDate.of(2025, 4, 1), seller, customer, List.of(line), Invoice.summarise(List.of(line)),
                line.net(), line.tax(), line.gross(), TaxTreatment.TAXED, ChargeReference.subscription("sub-1"),
                Optional.of(ChargeId.of("charge-1")), Optional.empty());
    }
}
