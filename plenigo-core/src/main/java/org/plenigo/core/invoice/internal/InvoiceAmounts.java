package org.plenigo.core.invoice.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.catalog.PriceBasis;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.invoice.Invoice;
import org.plenigo.core.invoice.InvoiceLine;
import org.plenigo.core.invoice.TaxSummary;
import org.plenigo.core.money.Money;
import org.plenigo.core.tax.TaxRate;

/**
 * The figures of one invoice: its lines, its {@link TaxSummary}s per rate (by rate, as
 * {@link Invoice#summarise} gives them) and its totals, made by {@link #of}.
 *
 * <p>The tax is computed once per rate, from the sum of the amounts at that rate, rounded half-up
 * to the currency's scale: of a gross sum G at rate r it is G × r / (100 + r), of a net sum N it is
 * N × r / 100. That tax is then spread over the rate's lines by largest remainder: each line gets
 * its share (the rate's tax × its amount / the rate's sum) rounded down to the currency's smallest
 * unit, and the units left over go one each to the lines with the largest rest. Ties are broken by
 * the line itself (the larger amount first, then description, tax type and days of supply), never
 * by its position, so each line's figures do not depend on the order of the items. Only items equal
 * in everything are taken in their order, which changes nothing but which of those equal items
 * shows which of their figures. The lines at one rate so add up exactly to that rate's figures,
 * and net + tax = gross on every line.
 */
public record InvoiceAmounts(List<InvoiceLine> lines, List<TaxSummary> taxSummaries) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Which of two lines at one rate, with equal rests, takes a unit of tax first. */
    private static final Comparator<Item> TIE_BREAK = Comparator
            .comparing((Item item) -> item.amount().amount()).reversed()
            .thenComparing(Item::description)
            .thenComparing(Item::taxType)
            .thenComparing(Item::supplyFrom)
            .thenComparing(Item::supplyUntil);

    public InvoiceAmounts {
        lines = List.copyOf(Require.notNull(lines, "invoiceAmounts.lines"));
        taxSummaries = List.copyOf(Require.notNull(taxSummaries, "invoiceAmounts.taxSummaries"));
        if (lines.isEmpty()) {
            throw new ValidationException("invoiceAmounts.lines must not be empty");
        }
        if (!Invoice.summarise(lines).equals(taxSummaries)) {
            throw new ValidationException("invoiceAmounts.taxSummaries " + taxSummaries
                    + " are not the sums of its lines per rate " + Invoice.summarise(lines));
        }
    }

    /**
     * One priced thing an invoice bills, before tax is taken out of it or added to it.
     *
     * @param amount what it costs, gross or net as the invoice's {@link PriceBasis} says; not negative
     */
    public record Item(String description, TaxType taxType, LocalDate supplyFrom, LocalDate supplyUntil,
                       TaxRate rate, Money amount) {
        public Item {
            Require.maxLength(Require.notBlank(description, "item.description"), 250, "item.description");
            Require.notNull(taxType, "item.taxType");
            Require.notNull(supplyFrom, "item.supplyFrom");
            Require.notNull(supplyUntil, "item.supplyUntil");
            Require.notNull(rate, "item.rate");
            requireNotNegative(amount, "item.amount");
            if (supplyUntil.isBefore(supplyFrom)) {
                throw new ValidationException("item.supplyUntil " + supplyUntil + " is before supplyFrom "
                        + supplyFrom);
            }
        }
    }

    /**
     * The figures of an invoice of these items, in one currency, their amounts gross or net as
     * {@code basis} says. The lines come in the order of the items.
     *
     * @throws ValidationException with {@code CURRENCY_MISMATCH} if the items are in more than one
     *                             currency; with {@code INVALID_INPUT} if there is no item
     */
    public static InvoiceAmounts of(PriceBasis basis, List<Item> items) {
        Require.notNull(basis, "priceBasis");
        Require.notNull(items, "items");
        if (items.isEmpty()) {
            throw new ValidationException("items must not be empty");
        }
        Money first = Require.notNull(items.get(0), "items[0]").amount();
        Map<TaxRate, List<Integer>> byRate = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = Require.notNull(items.get(i), "items[" + i + "]");
            first.requireSameCurrency(item.amount());
            byRate.computeIfAbsent(item.rate(), rate -> new ArrayList<>()).add(i);
        }
        InvoiceLine[] lines = new InvoiceLine[items.size()];
        List<TaxSummary> summaries = new ArrayList<>(byRate.size());
        byRate.forEach((rate, indexes) -> summaries.add(spread(basis, rate, items, indexes, lines)));
        return new InvoiceAmounts(List.of(lines), summaries);
    }

    /**
     * The price breakdown of one amount at one rate: net, tax and gross, as an invoice of that one
     * item shows them.
     *
     * @param amount gross or net as {@code basis} says; not negative
     */
    public static TaxSummary breakdown(PriceBasis basis, TaxRate rate, Money amount) {
        Require.notNull(basis, "priceBasis");
        Require.notNull(rate, "rate");
        requireNotNegative(amount, "amount");
        return taxed(basis, rate, amount);
    }

    /** The sum of the net amounts of all rates. */
    public Money net() {
        return total(TaxSummary::net);
    }

    /** The sum of the tax of all rates. */
    public Money tax() {
        return total(TaxSummary::tax);
    }

    /** The sum of the gross amounts of all rates: what the customer pays. */
    public Money gross() {
        return total(TaxSummary::gross);
    }

    private Money total(Function<TaxSummary, Money> figure) {
        Money sum = Money.zero(lines.get(0).gross().currency());
        for (TaxSummary summary : taxSummaries) {
            sum = sum.plus(figure.apply(summary));
        }
        return sum;
    }

    /** Taxes the sum of the items at {@code indexes}, all at {@code rate}, and writes their lines. */
    private static TaxSummary spread(PriceBasis basis, TaxRate rate, List<Item> items, List<Integer> indexes,
                                     InvoiceLine[] lines) {
        Currency currency = items.get(indexes.get(0)).amount().currency();
        Money sum = Money.zero(currency);
        for (int index : indexes) {
            sum = sum.plus(items.get(index).amount());
        }
        TaxSummary summary = taxed(basis, rate, sum);
        BigInteger total = units(summary.tax());
        BigInteger whole = units(sum);
        BigInteger[] taxes = new BigInteger[indexes.size()];
        BigInteger[] rests = new BigInteger[indexes.size()];
        BigInteger left = total;
        for (int k = 0; k < taxes.length; k++) {
            if (whole.signum() == 0) {
                taxes[k] = BigInteger.ZERO;
                rests[k] = BigInteger.ZERO;
            } else {
                BigInteger[] share = total.multiply(units(items.get(indexes.get(k)).amount())).divideAndRemainder(whole);
                taxes[k] = share[0];
                rests[k] = share[1];
            }
            left = left.subtract(taxes[k]);
        }
        List<Integer> order = new ArrayList<>(taxes.length);
        for (int k = 0; k < taxes.length; k++) {
            order.add(k);
        }
        // The sort is stable and the positions start in the items' order: equal items keep it.
        order.sort(Comparator.<Integer, BigInteger>comparing(k -> rests[k]).reversed()
                .thenComparing(k -> items.get(indexes.get(k)), TIE_BREAK));
        for (int j = 0; left.signum() > 0; j++, left = left.subtract(BigInteger.ONE)) {
            taxes[order.get(j)] = taxes[order.get(j)].add(BigInteger.ONE);
        }
        for (int k = 0; k < taxes.length; k++) {
            Item item = items.get(indexes.get(k));
            Money tax = new Money(new BigDecimal(taxes[k], scale(currency)), currency);
            Money net = basis == PriceBasis.GROSS ? item.amount().minus(tax) : item.amount();
            lines[indexes.get(k)] = new InvoiceLine(item.description(), item.taxType(), item.supplyFrom(),
                    item.supplyUntil(), rate, net, tax, net.plus(tax));
        }
        return summary;
    }

    /** The figures of {@code amount} at {@code rate}, its tax rounded once, half-up. */
    private static TaxSummary taxed(PriceBasis basis, TaxRate rate, Money amount) {
        Currency currency = amount.currency();
        BigDecimal divisor = basis == PriceBasis.GROSS ? HUNDRED.add(rate.percent()) : HUNDRED;
        Money tax = new Money(amount.amount().multiply(rate.percent())
                .divide(divisor, scale(currency), RoundingMode.HALF_UP), currency);
        Money net = basis == PriceBasis.GROSS ? amount.minus(tax) : amount;
        return new TaxSummary(rate, net, tax, net.plus(tax));
    }

    private static BigInteger units(Money money) {
        return money.amount().unscaledValue();
    }

    private static int scale(Currency currency) {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }

    private static void requireNotNegative(Money amount, String field) {
        Require.notNull(amount, field);
        if (amount.isNegative()) {
            throw new ValidationException(field + " must not be negative, was " + amount);
        }
    }
}
