package org.plenigo.core.invoice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.charge.ChargeReference;
import org.plenigo.core.money.Money;

/**
 * Prints an {@link Invoice} as plain text or as a small standalone HTML document, with everything
 * § 14 Abs. 4 UStG asks of an invoice that the invoice holds: the seller's name, address and VAT
 * id; the customer's name, billing address and VAT id if any; the issue date and the number; per
 * line what was supplied, the day or days of supply, net, rate, tax and gross; net and tax per
 * rate; the note of its {@link TaxTreatment} when there is one; the totals. It also says what the
 * invoice is for (its purpose, what the charge paid for and the charge).
 *
 * <p>Labels are English, with the German term where the law names one (e.g. "Invoice /
 * Rechnung"). Dates are ISO 8601 ({@code 2026-12-02}); amounts are plain decimals at the
 * currency's scale followed by the ISO 4217 code ({@code 9.99 EUR}); a cancellation shows its
 * negated amounts as they are ({@code -9.99 EUR}).
 *
 * <p>An {@link Invoice} holds only the id of the invoice a cancellation cancels, while a
 * cancellation must name the original's number. So a cancellation is printed with the overloads
 * that take that number, which the caller reads from the original invoice; an invoice that is not a
 * cancellation is printed with those that do not.
 *
 * <p>Stateless and thread-safe. Rendering is a pure function of its arguments.
 */
public final class InvoiceRenderer {
    private static final String INDENT = "   ";

    private InvoiceRenderer() {
    }

    /**
     * The invoice as plain text, lines ended by {@code \n}.
     *
     * @throws ValidationException if it is a {@link InvoiceKind#CANCELLATION}: print that with
     *                             {@link #text(Invoice, String)}
     */
    public static String text(Invoice invoice) {
        return text(view(invoice, Optional.empty()));
    }

    /**
     * The cancellation as plain text, lines ended by {@code \n}, naming the invoice it cancels by
     * {@code cancelledNumber}.
     *
     * @param cancelledNumber the number of the invoice {@code cancellation.cancels()} names
     * @throws ValidationException if it is not a {@link InvoiceKind#CANCELLATION}
     */
    public static String text(Invoice cancellation, String cancelledNumber) {
        return text(view(cancellation, Optional.of(Require.notBlank(cancelledNumber, "cancelledNumber"))));
    }

    /**
     * The invoice as a standalone HTML document in UTF-8, every value from the invoice escaped.
     *
     * @throws ValidationException if it is a {@link InvoiceKind#CANCELLATION}: print that with
     *                             {@link #html(Invoice, String)}
     */
    public static String html(Invoice invoice) {
        return html(view(invoice, Optional.empty()));
    }

    /**
     * The cancellation as a standalone HTML document in UTF-8, every value escaped, naming the
     * invoice it cancels by {@code cancelledNumber}.
     *
     * @param cancelledNumber the number of the invoice {@code cancellation.cancels()} names
     * @throws ValidationException if it is not a {@link InvoiceKind#CANCELLATION}
     */
    public static String html(Invoice cancellation, String cancelledNumber) {
        return html(view(cancellation, Optional.of(Require.notBlank(cancelledNumber, "cancelledNumber"))));
    }

    /** What both formats print alike, each string one line, in the order they print it. */
    private record View(Invoice invoice, String title, List<String> heading, List<String> seller,
                        List<String> customer, List<String> about, List<String> totals, Optional<String> note) {
    }

    private static View view(Invoice invoice, Optional<String> cancelledNumber) {
        Require.notNull(invoice, "invoice");
        boolean cancellation = invoice.kind() == InvoiceKind.CANCELLATION;
        if (cancellation != cancelledNumber.isPresent()) {
            throw new ValidationException(cancellation
                    ? "invoice " + invoice.number() + " is a cancellation: give the number of the invoice it cancels"
                    : "invoice " + invoice.number() + " is not a cancellation: it cancels no invoice");
        }
        List<String> heading = new ArrayList<>();
        heading.add("Invoice number / Rechnungsnummer: " + invoice.number());
        heading.add("Issue date / Ausstellungsdatum: " + invoice.issueDate());
        cancelledNumber.ifPresent(number -> heading.add("Cancellation of invoice " + number
                + " / Stornierung der Rechnung " + number));
        List<String> about = List.of(
                "Purpose / Zweck: " + purpose(invoice.purpose()),
                "Reference / Bezug: " + reference(invoice.paysFor())
                        + invoice.charge().map(charge -> ", charge " + charge).orElse(""));
        List<String> totals = List.of(
                "Net total / Summe Entgelt: " + amount(invoice.net()),
                "Tax total / Summe Umsatzsteuer: " + amount(invoice.tax()),
                "Gross total / Gesamtbetrag: " + amount(invoice.gross()));
        String note = invoice.taxNote();
        return new View(invoice, cancellation ? "Cancellation / Stornorechnung" : "Invoice / Rechnung", heading,
                party(invoice.seller()), party(invoice.customer()), about, totals,
                note.isEmpty() ? Optional.empty() : Optional.of("Note / Hinweis: " + note));
    }

    private static String text(View view) {
        StringBuilder out = new StringBuilder();
        out.append(view.title()).append('\n');
        lines(out, view.heading());
        out.append("\nSeller / Leistender Unternehmer:\n");
        lines(out, view.seller());
        out.append("\nCustomer / Leistungsempfänger:\n");
        lines(out, view.customer());
        out.append('\n');
        lines(out, view.about());
        out.append("\nItems / Leistungen:\n");
        List<InvoiceLine> lines = view.invoice().lines();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            out.append(i + 1).append(". ").append(line.description()).append('\n');
            out.append(INDENT).append(supplyLabel(line)).append(": ").append(supply(line)).append('\n');
            out.append(INDENT).append("Net / Entgelt: ").append(amount(line.net())).append('\n');
            out.append(INDENT).append("Rate / Steuersatz: ").append(line.rate()).append('\n');
            out.append(INDENT).append("Tax / Steuerbetrag: ").append(amount(line.tax())).append('\n');
            out.append(INDENT).append("Gross / Bruttobetrag: ").append(amount(line.gross())).append('\n');
        }
        out.append("\nPer rate / Nach Steuersätzen:\n");
        for (TaxSummary summary : view.invoice().taxSummaries()) {
            out.append(summary.rate()).append(": net / Entgelt ").append(amount(summary.net()))
                    .append(", tax / Steuerbetrag ").append(amount(summary.tax()))
                    .append(", gross / Bruttobetrag ").append(amount(summary.gross())).append('\n');
        }
        out.append('\n');
        lines(out, view.totals());
        view.note().ifPresent(note -> out.append('\n').append(note).append('\n'));
        return out.toString();
    }

    private static void lines(StringBuilder out, List<String> lines) {
        lines.forEach(line -> out.append(line).append('\n'));
    }

    private static String html(View view) {
        Html out = new Html();
        out.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .text(view.title() + " " + view.invoice().number()).raw("</title>\n")
                .raw("<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                        + "th,td{border:1px solid #999;padding:2px 6px;text-align:left}</style>\n</head>\n<body>\n");
        out.raw("<h1>").text(view.title()).raw("</h1>\n");
        out.lines(view.heading());
        out.raw("<h2>").text("Seller / Leistender Unternehmer").raw("</h2>\n").lines(view.seller());
        out.raw("<h2>").text("Customer / Leistungsempfänger").raw("</h2>\n").lines(view.customer());
        out.lines(view.about());
        out.raw("<h2>").text("Items / Leistungen").raw("</h2>\n<table>\n<thead>\n");
        out.row("th", List.of("#", "Description / Leistung", "Date or period of supply / Leistungszeitpunkt",
                "Net / Entgelt", "Rate / Steuersatz", "Tax / Steuerbetrag", "Gross / Bruttobetrag"));
        out.raw("</thead>\n<tbody>\n");
        List<InvoiceLine> lines = view.invoice().lines();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            out.row("td", List.of(Integer.toString(i + 1), line.description(), supply(line), amount(line.net()),
                    line.rate().toString(), amount(line.tax()), amount(line.gross())));
        }
        out.raw("</tbody>\n</table>\n");
        out.raw("<h2>").text("Per rate / Nach Steuersätzen").raw("</h2>\n<table>\n<thead>\n");
        out.row("th", List.of("Rate / Steuersatz", "Net / Entgelt", "Tax / Steuerbetrag", "Gross / Bruttobetrag"));
        out.raw("</thead>\n<tbody>\n");
        for (TaxSummary summary : view.invoice().taxSummaries()) {
            out.row("td", List.of(summary.rate().toString(), amount(summary.net()), amount(summary.tax()),
                    amount(summary.gross())));
        }
        out.raw("</tbody>\n</table>\n");
        out.lines(view.totals());
        view.note().ifPresent(note -> out.raw("<p>").text(note).raw("</p>\n"));
        return out.raw("</body>\n</html>\n").toString();
    }

    /** Builds HTML: markup goes in as it is, every value escaped. */
    private static final class Html {
        private final StringBuilder out = new StringBuilder();

        Html raw(String markup) {
            out.append(markup);
            return this;
        }

        Html text(String value) {
            out.append(escape(value));
            return this;
        }

        Html lines(List<String> lines) {
            raw("<p>");
            for (int i = 0; i < lines.size(); i++) {
                raw(i == 0 ? "" : "<br>\n").text(lines.get(i));
            }
            return raw("</p>\n");
        }

        Html row(String cell, List<String> values) {
            raw("<tr>");
            for (String value : values) {
                raw("<" + cell + ">").text(value).raw("</" + cell + ">");
            }
            return raw("</tr>\n");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    /** {@code value} with {@code & < > " '} replaced by their character references. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Name, address lines and VAT id of a party, each one line. */
    private static List<String> party(InvoiceParty party) {
        List<String> lines = new ArrayList<>();
        lines.add(party.name());
        party.address().ifPresent(address -> lines.addAll(address.lines()));
        party.vatId().ifPresent(vatId -> lines.add("VAT ID / USt-IdNr.: " + vatId));
        return lines;
    }

    private static String purpose(InvoicePurpose purpose) {
        return switch (purpose) {
            case SUBSCRIPTION_PERIOD -> "Subscription period / Abonnementzeitraum";
            case TOP_UP -> "Credit top-up / Guthabenaufladung";
            case PURCHASE -> "Purchase / Einzelkauf";
        };
    }

    private static String reference(ChargeReference paysFor) {
        return switch (paysFor.kind()) {
            case SUBSCRIPTION -> "subscription " + paysFor.id();
            case SINGLE_PURCHASE -> "purchase " + paysFor.id();
        };
    }

    private static String supplyLabel(InvoiceLine line) {
        return line.supplyFrom().equals(line.supplyUntil()) ? "Date of supply / Leistungsdatum"
                : "Period of supply / Leistungszeitraum";
    }

    private static String supply(InvoiceLine line) {
        return line.supplyFrom().equals(line.supplyUntil()) ? line.supplyFrom().toString()
                : line.supplyFrom() + " to " + line.supplyUntil();
    }

    private static String amount(Money money) {
        return money.amount().toPlainString() + " " + money.currency().getCurrencyCode();
    }
}
