package org.plenigo.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessEvent;
import org.plenigo.core.access.AccessReason;
import org.plenigo.core.access.AccessRightItemId;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.Refusal;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.event.DomainEvent;
import org.plenigo.core.invoice.InvoiceLine;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.wallet.ConsumptionResult;
import org.plenigo.core.wallet.LedgerEntryId;

/** The mapping rules, each with the exact JSON it gives. */
class PlenigoModuleTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new PlenigoModule());

    @Test
    void moneyIsItsAmountAsAStringAtTheCurrencysScaleAndItsCurrency() throws Exception {
        assertThat(mapper.writeValueAsString(Money.of("9.9", "EUR"))).isEqualTo("{\"amount\":\"9.90\",\"currency\":\"EUR\"}");
        assertThat(mapper.writeValueAsString(Money.of("1500", "JPY"))).isEqualTo("{\"amount\":\"1500\",\"currency\":\"JPY\"}");
        assertThat(mapper.readValue("{\"amount\":\"0.10\",\"currency\":\"EUR\"}", Money.class))
                .isEqualTo(Money.of("0.10", "EUR"));
    }

    @Test
    void moneyIsNotReadFromANumberNorRoundedNorWithUnknownFields() {
        assertThatThrownBy(() -> mapper.readValue("{\"amount\":9.99,\"currency\":\"EUR\"}", Money.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("must be a string");
        assertThatThrownBy(() -> mapper.readValue("{\"amount\":\"9.999\",\"currency\":\"EUR\"}", Money.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("more than 2 fraction digits");
        assertThatThrownBy(() -> mapper.readValue("{\"amount\":\"9.99\",\"currency\":\"EUR\",\"x\":1}", Money.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> mapper.readValue("{\"amount\":\"9.99\",\"currency\":\"XYZ\"}", Money.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("ISO 4217");
    }

    @Test
    void idsArePlainStringsAlsoAsMapKeys() throws Exception {
        assertThat(mapper.writeValueAsString(CustomerId.of("anna"))).isEqualTo("\"anna\"");
        assertThat(mapper.readValue("\"anna\"", CustomerId.class)).isEqualTo(CustomerId.of("anna"));

        Map<CustomerId, OfferId> byCustomer = Map.of(CustomerId.of("anna"), OfferId.of("premium-monthly"));
        String json = mapper.writeValueAsString(byCustomer);
        assertThat(json).isEqualTo("{\"anna\":\"premium-monthly\"}");
        assertThat(mapper.readValue(json, new TypeReference<Map<CustomerId, OfferId>>() { })).isEqualTo(byCustomer);
    }

    @Test
    void idsAreCheckedAsTheCoreChecksThem() {
        assertThatThrownBy(() -> mapper.readValue("\"no spaces\"", CustomerId.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("customerId must be");
        assertThatThrownBy(() -> mapper.readValue("{\"value\":\"anna\"}", CustomerId.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("must be a string");
    }

    @Test
    void instantsAreIsoStringsInUtcAndOptionalsAbsentWhenEmpty() throws Exception {
        AccessDecision decision = new AccessDecision(true, AccessReason.METERED_FREE_VIEW, OptionalInt.of(2), List.of(),
                Optional.of(Instant.parse("2025-03-31T22:00:00Z")));
        String json = mapper.writeValueAsString(decision);
        assertThat(json).isEqualTo("{\"granted\":true,\"reason\":\"METERED_FREE_VIEW\",\"remainingFreeViews\":2,"
                + "\"offers\":[],\"cacheUntil\":\"2025-03-31T22:00:00Z\"}");
        assertThat(mapper.readValue(json, AccessDecision.class)).isEqualTo(decision);

        AccessDecision denied = new AccessDecision(false, AccessReason.NO_ACCESS_RIGHT, OptionalInt.empty(),
                List.of(OfferId.of("premium-monthly")), Optional.empty());
        String deniedJson = mapper.writeValueAsString(denied);
        assertThat(deniedJson).isEqualTo("{\"granted\":false,\"reason\":\"NO_ACCESS_RIGHT\",\"offers\":[\"premium-monthly\"]}");
        assertThat(mapper.readValue(deniedJson, AccessDecision.class)).isEqualTo(denied);
        assertThat(mapper.readValue("{\"granted\":false,\"reason\":\"NO_ACCESS_RIGHT\",\"remainingFreeViews\":null,"
                + "\"offers\":[\"premium-monthly\"],\"cacheUntil\":null}", AccessDecision.class)).isEqualTo(denied);
    }

    @Test
    void instantsKeepTheirMicroseconds() throws Exception {
        Instant at = Instant.parse("2025-03-11T08:00:00.123456Z");
        AccessEvent event = new AccessEvent.CustomerBlockChanged(CustomerId.of("anna"), true, at);
        String json = mapper.writeValueAsString(event);
        assertThat(json).contains("\"occurredAt\":\"2025-03-11T08:00:00.123456Z\"");
        assertThat(mapper.readValue(json, AccessEvent.class)).isEqualTo(event);
    }

    @Test
    void datesAreIsoDatesAndTaxRatesStrings() throws Exception {
        InvoiceLine line = new InvoiceLine("Premium, March", TaxType.DIGITAL_NEWSPAPER, LocalDate.of(2025, 3, 1),
                LocalDate.of(2025, 3, 31), TaxRate.of("7"), Money.of("9.34", "EUR"), Money.of("0.65", "EUR"),
                Money.of("9.99", "EUR"));
        String json = mapper.writeValueAsString(line);
        assertThat(json).isEqualTo("{\"description\":\"Premium, March\",\"taxType\":\"DIGITAL_NEWSPAPER\","
                + "\"supplyFrom\":\"2025-03-01\",\"supplyUntil\":\"2025-03-31\",\"rate\":{\"percent\":\"7.00\"},"
                + "\"net\":{\"amount\":\"9.34\",\"currency\":\"EUR\"},\"tax\":{\"amount\":\"0.65\",\"currency\":\"EUR\"},"
                + "\"gross\":{\"amount\":\"9.99\",\"currency\":\"EUR\"}}");
        assertThat(mapper.readValue(json, InvoiceLine.class)).isEqualTo(line);
    }

    @Test
    void aSealedResultNamesItsVariant() throws Exception {
        ConsumptionResult refused = new ConsumptionResult.Refused(Refusal.INSUFFICIENT_CREDITS, 0, "0 of 1 credits");
        String json = mapper.writeValueAsString(refused);
        assertThat(json).isEqualTo("{\"@type\":\"Refused\",\"reason\":\"INSUFFICIENT_CREDITS\",\"balance\":0,"
                + "\"detail\":\"0 of 1 credits\"}");
        assertThat(mapper.readValue(json, ConsumptionResult.class)).isEqualTo(refused);
        assertThat(mapper.readValue(json, ConsumptionResult.Refused.class)).isEqualTo(refused);

        ConsumptionResult replayed = new ConsumptionResult.Replayed(new ConsumptionResult.Consumed(
                LedgerEntryId.of("e-2"), 1, 4, List.of(LedgerEntryId.of("e-1"))));
        String replayedJson = mapper.writeValueAsString(replayed);
        assertThat(replayedJson).isEqualTo("{\"@type\":\"Replayed\",\"original\":{\"@type\":\"Consumed\","
                + "\"entryId\":\"e-2\",\"credits\":1,\"balance\":4,\"topUps\":[\"e-1\"]}}");
        assertThat(mapper.readValue(replayedJson, ConsumptionResult.class)).isEqualTo(replayed);
    }

    @Test
    void anEventNamesItsVariantAlsoAmongOtherEvents() throws Exception {
        AccessEvent ended = new AccessEvent.ItemEnded(CustomerId.of("anna"), AccessRightItemId.of("item-7"),
                Instant.parse("2025-04-01T00:00:00Z"), Instant.parse("2025-03-11T08:00:00Z"));
        String expected = "{\"@type\":\"ItemEnded\",\"customerId\":\"anna\",\"itemId\":\"item-7\","
                + "\"endsAt\":\"2025-04-01T00:00:00Z\",\"occurredAt\":\"2025-03-11T08:00:00Z\"}";
        assertThat(mapper.writeValueAsString(ended)).isEqualTo(expected);
        assertThat(mapper.writerFor(new TypeReference<List<AccessEvent>>() { }).writeValueAsString(List.of(ended)))
                .isEqualTo("[" + expected + "]");
        List<DomainEvent> events = List.of(ended);
        assertThat(mapper.writeValueAsString(events)).isEqualTo("[" + expected + "]");
        assertThat(mapper.writeValueAsString(Map.of("event", ended))).isEqualTo("{\"event\":" + expected + "}");
        assertThat(mapper.writerFor(DomainEvent.class).writeValueAsString(ended)).isEqualTo(expected);
        assertThat(mapper.writerFor(new TypeReference<List<DomainEvent>>() { }).writeValueAsString(events))
                .isEqualTo("[" + expected + "]");
        assertThat(mapper.readValue(expected, AccessEvent.class)).isEqualTo(ended);
        // DomainEvent is not sealed: the module does not know its variants, so an event is read as its family
        assertThatThrownBy(() -> mapper.readValue(expected, DomainEvent.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("ItemEnded");
    }

    @Test
    void anUnknownVariantIsRefused() {
        assertThatThrownBy(() -> mapper.readValue("{\"@type\":\"Vanished\",\"balance\":0}", ConsumptionResult.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("Vanished");
    }

    @Test
    void readingChecksAsTheCoreChecks() {
        assertThatThrownBy(() -> mapper.readValue("{\"id\":\"premium\"}", AccessRight.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("accessRight.title must not be null");
        assertThatThrownBy(() -> mapper.readValue("{\"granted\":true,\"reason\":\"NO_ACCESS_RIGHT\",\"offers\":[]}",
                AccessDecision.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("decision.granted must be false");
        assertThatThrownBy(() -> mapper.readValue("{\"percent\":7}", TaxRate.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("must be a string");
    }

    @Test
    void anIpRangeIsItsCidrText() throws Exception {
        assertThat(mapper.writeValueAsString(org.plenigo.core.access.IpRange.parse("2001:db8::/32")))
                .isEqualTo("\"2001:db8:0:0:0:0:0:0/32\"");
        assertThat(mapper.readValue("\"192.0.2.0/24\"", org.plenigo.core.access.IpRange.class))
                .isEqualTo(org.plenigo.core.access.IpRange.parse("192.0.2.0/24"));
        assertThatThrownBy(() -> mapper.readValue("\"192.0.2.1/24\"", org.plenigo.core.access.IpRange.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("host bits");
    }

    @Test
    void onlyARecordsComponentsAreWritten() throws Exception {
        // AccessRight also has paywall(), TaxRate isZero(): neither is state
        AccessRight right = new AccessRight(AccessRightId.of("premium"), "Premium articles");
        assertThat(mapper.writeValueAsString(right)).isEqualTo("{\"id\":\"premium\",\"title\":\"Premium articles\"}");
        assertThat(mapper.readValue("{\"id\":\"premium\",\"title\":\"Premium articles\"}", AccessRight.class))
                .isEqualTo(right);
        assertThat(mapper.writeValueAsString(TaxRate.ZERO)).isEqualTo("{\"percent\":\"0.00\"}");
    }

    @Test
    void theHostsOwnTypesKeepTheMappersSettings() throws Exception {
        Map<String, Object> hostValue = new java.util.LinkedHashMap<>();
        hostValue.put("note", Optional.empty());
        hostValue.put("price", new java.math.BigDecimal("1.50"));
        hostValue.put("at", Instant.parse("2025-03-11T08:00:00Z"));
        assertThat(mapper.writeValueAsString(hostValue)).isEqualTo("{\"note\":null,\"price\":1.50,\"at\":1741680000.000000000}");
    }
}
