package org.plenigo.core.subscription.internal;

import java.time.LocalDate;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.customer.Customer;
import org.plenigo.core.time.Interval;

/**
 * When a regular cancellation takes effect, by the product contract's terms; all days in the
 * publisher's calendar, a subscription's terms and billing periods counted from the day it started.
 * <ul>
 *   <li>A contract without a term renews period by period: its term is its billing interval.</li>
 *   <li>Regular: at the end of the current term if the cancellation comes at least the
 *   cancellation period before it (given on day {@code d}, in time when {@code d + period} is not
 *   after the term's end day), otherwise at the end of the next term. Without a cancellation
 *   period, at the end of the current term.</li>
 *   <li>Consumer notice (the contract's flag, a customer without a VAT id in Germany, a contract
 *   with a term): the notice is the cancellation period but at most one month, and once the initial
 *   term is over the contract runs for an indefinite period: a cancellation takes effect at the end
 *   of the initial term if given in time for it, otherwise after its notice ({@code d + notice});
 *   without a cancellation period at the end of the running billing period, at most a month ahead.</li>
 * </ul>
 * The answer is the first day on which the subscription no longer runs; it ends at that day's start.
 * Internal: not part of the stable API.
 */
public final class CancellationTerms {
    private static final Interval ONE_MONTH = Interval.months(1);

    private CancellationTerms() {
    }

    /** Whether German consumer law's notice rule applies to this customer's contract. */
    public static boolean consumerNotice(ProductContract contract, Customer customer) {
        return contract.consumerNotice() && contract.term().isPresent() && customer.vatId().isEmpty()
                && "DE".equals(customer.country());
    }

    /**
     * The day a regular cancellation given on {@code today} takes effect, for a subscription that
     * started on {@code startDay}.
     */
    public static LocalDate takesEffect(ProductContract contract, Customer customer, LocalDate startDay,
                                        LocalDate today) {
        Interval billing = contract.billingInterval().orElseThrow();
        Interval term = contract.term().orElse(billing);
        if (consumerNotice(contract, customer)) {
            LocalDate initialEnd = term.periodDay(startDay, 1);
            LocalDate monthOut = ONE_MONTH.periodDay(today, 1);
            LocalDate noticed = earlier(contract.cancellationPeriod().map(p -> p.periodDay(today, 1))
                    .orElseGet(() -> firstAfter(billing, startDay, today)), monthOut);
            return noticed.isAfter(initialEnd) ? noticed : initialEnd;
        }
        long k = firstIndexAfter(term, startDay, today);
        LocalDate termEnd = term.periodDay(startDay, k);
        boolean inTime = contract.cancellationPeriod().map(p -> !p.periodDay(today, 1).isAfter(termEnd))
                .orElse(true);
        return inTime ? termEnd : term.periodDay(startDay, k + 1);
    }

    /** The first day of the first period of {@code interval} from {@code startDay} that starts after {@code day}. */
    public static LocalDate firstAfter(Interval interval, LocalDate startDay, LocalDate day) {
        return interval.periodDay(startDay, firstIndexAfter(interval, startDay, day));
    }

    private static long firstIndexAfter(Interval interval, LocalDate startDay, LocalDate day) {
        long k = 1;
        while (!interval.periodDay(startDay, k).isAfter(day)) {
            k++;
        }
        return k;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
