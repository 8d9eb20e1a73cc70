package org.plenigo.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.PriceBasis;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.charge.ChargeId;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.customer.CustomerId;
import org.plenigo.core.customer.PostalAddress;
import org.plenigo.core.invoice.internal.InvoiceAmounts;
import org.plenigo.core.invoice.internal.InvoiceAmounts.Item;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;
import org.plenigo.core.tax.TaxTreatment;

class InvoiceRendererTest {
    private static final LocalDate DECEMBER = LocalDate.of(2026, 12, 1);
    private static final LocalDate ISSUED = LocalDate.of(2026, 12, 2);
    private static final InvoiceParty SELLER = new InvoiceParty("Verlag Beispiel GmbH",
            Optional.of(new PostalAddress("Hauptstraße 1", "10115", "Berlin", "DE")), Optional.of("DE123456789"));
    private static final InvoiceParty CUSTOMER = new InvoiceParty("Erika Mustermann",
            Optional.of(new PostalAddress("Musterweg 5", "80331", "München", "DE")), Optional.empty());

    private static Invoice invoice(InvoiceParty customer, TaxTreatment treatment, List<Item> items) {
        InvoiceAmounts amounts = InvoiceAmounts.of(PriceBasis.GROSS, items);
        return new Invoice(new InvoiceId("inv-42"), "RE-2026-000042", "RE", InvoiceKind.INVOICE,
                InvoicePurpose.SUBSCRIPTION_PERIOD, CustomerId.of("c-1"), Instant.parse("2026-12-02T09:30:00Z"),
                ISSUED, SELLER, customer, amounts.lines(), amounts.taxSummaries(), amounts.net(), amounts.tax(),
                amounts.gross(), treatment, ChargeReference.subscription("sub-1"), Optional.of(ChargeId.of("ch-7")),
                Optional.empty());
    }

    private static Invoice december() {
        return invoice(CUSTOMER, TaxTreatment.TAXED, List.of(
                new Item("Daily Digital, December 2026", TaxType.DIGITAL_NEWSPAPER, DECEMBER,
                        DECEMBER.plusDays(30), TaxRate.of("7"), Money.of("9.99", "EUR")),
                new Item("Crossword archive", TaxType.DIGITAL_PRODUCT, ISSUED, ISSUED, TaxRate.of("7"),
                        Money.of("4.99", "EUR")),
                new Item("Video course", TaxType.VIDEO, ISSUED, ISSUED, TaxRate.of("19"), Money.of("10.00", "EUR"))));
    }

    private static Invoice cancellationOf(Invoice original) {
        return new Invoice(new InvoiceId("inv-43"), "RE-2026-000043", "RE", InvoiceKind.CANCELLATION,
                original.purpose(), original.customerId(), Instant.parse("2026-12-05T08:00:00Z"),
                LocalDate.of(2026, 12, 5), original.seller(), original.customer(),
                original.lines().stream().map(InvoiceLine::negated).toList(),
                original.taxSummaries().stream().map(TaxSummary::negated).toList(), original.net().negated(),
                original.tax().negated(), original.gross().negated(), original.treatment(), original.paysFor(),
                original.charge(), Optional.of(original.id()));
    }

    @Test
    void theTextOfAnInvoice() {
        assertThat(InvoiceRenderer.text(december())).isEqualTo("""
                Invoice / Rechnung
                Invoice number / Rechnungsnummer: RE-2026-000042
                Issue date / Ausstellungsdatum: 2026-12-02

                Seller / Leistender Unternehmer:
                Verlag Beispiel GmbH
                Hauptstraße 1
                10115 Berlin
                DE
                VAT ID / USt-IdNr.: DE123456789

                Customer / Leistungsempfänger:
                Erika Mustermann
                Musterweg 5
                80331 München
                DE

                Purpose / Zweck: Subscription period / Abonnementzeitraum
                Reference / Bezug: subscription sub-1, charge ch-7

                Items / Leistungen:
                1. Daily Digital, December 2026
                   Period of supply / Leistungszeitraum: 2026-12-01 to 2026-12-31
                   Net / Entgelt: 9.34 EUR
                   Rate / Steuersatz: 7 %
                   Tax / Steuerbetrag: 0.65 EUR
                   Gross / Bruttobetrag: 9.99 EUR
                2. Crossword archive
                   Date of supply / Leistungsdatum: 2026-12-02
                   Net / Entgelt: 4.66 EUR
                   Rate / Steuersatz: 7 %
                   Tax / Steuerbetrag: 0.33 EUR
                   Gross / Bruttobetrag: 4.99 EUR
                3. Video course
                   Date of supply / Leistungsdatum: 2026-12-02
                   Net / Entgelt: 8.40 EUR
                   Rate / Steuersatz: 19 %
                   Tax / Steuerbetrag: 1.60 EUR
                   Gross / Bruttobetrag: 10.00 EUR

                Per rate / Nach Steuersätzen:
                7 %: net / Entgelt 14.00 EUR, tax / Steuerbetrag 0.98 EUR, gross / Bruttobetrag 14.98 EUR
                19 %: net / Entgelt 8.40 EUR, tax / Steuerbetrag 1.60 EUR, gross / Bruttobetrag 10.00 EUR

                Net total / Summe Entgelt: 22.40 EUR
                Tax total / Summe Umsatzsteuer: 2.58 EUR
                Gross total / Gesamtbetrag: 24.98 EUR
                """);
    }

    @Test
    void aReverseChargeNamesBothVatIdsAndCarriesItsNote() {
        InvoiceParty business = new InvoiceParty("Beispiel Medien GmbH",
                Optional.of(new PostalAddress("Ring 3", "1010", "Wien", "AT")), Optional.of("ATU12345678"));
        Invoice invoice = invoice(business, TaxTreatment.REVERSE_CHARGE, List.of(new Item("Daily Digital",
                TaxType.DIGITAL_NEWSPAPER, DECEMBER, DECEMBER.plusDays(30), TaxRate.ZERO, Money.of("9.99", "EUR"))));

        String text = InvoiceRenderer.text(invoice);

        assertThat(text).contains("VAT ID / USt-IdNr.: DE123456789\n", "Beispiel Medien GmbH\nRing 3\n1010 Wien\nAT\n"
                + "VAT ID / USt-IdNr.: ATU12345678\n", "0 %: net / Entgelt 9.99 EUR, tax / Steuerbetrag 0.00 EUR",
                "Gross total / Gesamtbetrag: 9.99 EUR\n")
                .endsWith("\nNote / Hinweis: " + TaxTreatment.REVERSE_CHARGE.note() + "\n");
        assertThat(InvoiceRenderer.html(invoice)).contains("<p>Note / Hinweis: " + TaxTreatment.REVERSE_CHARGE.note()
                + "</p>", "VAT ID / USt-IdNr.: ATU12345678");
        assertThat(InvoiceRenderer.text(december())).doesNotContain("Note");
    }

    @Test
    void aCancellationNamesTheInvoiceItCancelsAndShowsTheNegatedAmounts() {
        Invoice original = december();
        Invoice cancellation = cancellationOf(original);

        String text = InvoiceRenderer.text(cancellation, original.number());

        assertThat(text).startsWith("""
                Cancellation / Stornorechnung
                Invoice number / Rechnungsnummer: RE-2026-000043
                Issue date / Ausstellungsdatum: 2026-12-05
                Cancellation of invoice RE-2026-000042 / Stornierung der Rechnung RE-2026-000042
                """).contains("   Net / Entgelt: -9.34 EUR\n", "   Tax / Steuerbetrag: -0.65 EUR\n",
                "7 %: net / Entgelt -14.00 EUR, tax / Steuerbetrag -0.98 EUR, gross / Bruttobetrag -14.98 EUR\n")
                .endsWith("Gross total / Gesamtbetrag: -24.98 EUR\n");
        assertThat(InvoiceRenderer.html(cancellation, original.number()))
                .contains("<h1>Cancellation / Stornorechnung</h1>", "Cancellation of invoice RE-2026-000042",
                        "<td>-9.34 EUR</td>");
    }

    @Test
    void aCancellationNeedsTheCancelledNumberAndAnInvoiceTakesNone() {
        Invoice original = december();
        Invoice cancellation = cancellationOf(original);

        assertThatThrownBy(() -> InvoiceRenderer.text(cancellation))
                .isInstanceOf(ValidationException.class).hasMessageContaining("RE-2026-000043")
                .hasMessageContaining("cancellation");
        assertThatThrownBy(() -> InvoiceRenderer.html(cancellation)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> InvoiceRenderer.text(original, "RE-2026-000001"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("RE-2026-000042");
        assertThatThrownBy(() -> InvoiceRenderer.html(cancellation, " "))
                .isInstanceOf(ValidationException.class).hasMessageContaining("cancelledNumber");
    }

    @Test
    void theHtmlIsAStandaloneDocumentWithEverythingTheTextHas() {
        String html = InvoiceRenderer.html(december());

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .endsWith("</body>\n</html>\n")
                .contains("<title>Invoice / Rechnung RE-2026-000042</title>", "<h1>Invoice / Rechnung</h1>",
                        "Invoice number / Rechnungsnummer: RE-2026-000042", "Issue date / Ausstellungsdatum: 2026-12-02",
                        "<p>Verlag Beispiel GmbH<br>\nHauptstraße 1<br>\n10115 Berlin<br>\nDE<br>\n"
                                + "VAT ID / USt-IdNr.: DE123456789</p>",
                        "<p>Erika Mustermann<br>\nMusterweg 5<br>\n80331 München<br>\nDE</p>",
                        "Reference / Bezug: subscription sub-1, charge ch-7",
                        "<tr><td>1</td><td>Daily Digital, December 2026</td><td>2026-12-01 to 2026-12-31</td>"
                                + "<td>9.34 EUR</td><td>7 %</td><td>0.65 EUR</td><td>9.99 EUR</td></tr>",
                        "<tr><td>3</td><td>Video course</td><td>2026-12-02</td>"
                                + "<td>8.40 EUR</td><td>19 %</td><td>1.60 EUR</td><td>10.00 EUR</td></tr>",
                        "<tr><td>7 %</td><td>14.00 EUR</td><td>0.98 EUR</td><td>14.98 EUR</td></tr>",
                        "Gross total / Gesamtbetrag: 24.98 EUR");
    }

    @Test
    void theHtmlEscapesEveryValue() {
        InvoiceParty hostile = new InvoiceParty("<script>alert(\"pwned\")</script> & 'Sons'",
                Optional.of(new PostalAddress("Main St. \"5\" <b>", "<1>", "Town & <i>Co</i>", "GB")),
                Optional.empty());
        Invoice invoice = invoice(hostile, TaxTreatment.TAXED, List.of(new Item("<img src=x onerror='alert(1)'>",
                TaxType.EBOOK, DECEMBER, DECEMBER, TaxRate.of("20"), Money.of("6.00", "EUR"))));

        String html = InvoiceRenderer.html(invoice);

        assertThat(html).contains(
                "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;Sons&#39;",
                "Main St. &quot;5&quot; &lt;b&gt;", "&lt;1&gt; Town &amp; &lt;i&gt;Co&lt;/i&gt;",
                "<td>&lt;img src=x onerror=&#39;alert(1)&#39;&gt;</td>");
        assertThat(html).doesNotContain("<script", "<img", "<b>", "<i>", "<1>", "alert(\"", "'");
        assertThat(tags(html)).isSubsetOf("!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2",
                "p", "br", "table", "thead", "tbody", "tr", "th", "td");
        assertThat(html.replace("<html lang=\"en\">", "").replace("<meta charset=\"utf-8\">", ""))
                .doesNotContain("\"");
        assertThat(Pattern.compile("&(?!amp;|lt;|gt;|quot;|#39;)").matcher(html).find()).isFalse();
    }

    @Test
    void escapeReplacesTheFiveCharactersAndNothingElse() {
        assertThat(InvoiceRenderer.escape("a&b<c>d\"e'f äß")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f äß");
        assertThat(InvoiceRenderer.escape("")).isEmpty();
    }

    private static Set<String> tags(String html) {
        Matcher tag = Pattern.compile("</?([^\\s>/]+)").matcher(html);
        return tag.results().map(result -> result.group(1)).collect(Collectors.toSet());
    }
}
