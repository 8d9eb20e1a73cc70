package org.plenigo.examples;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.plenigo.core.access.AccessDecision;
import org.plenigo.core.access.AccessEvent;
import org.plenigo.core.access.AccessRightItem;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.event.DomainEvent;

/**
 * Collects access decisions, and notes on what happened between them (access events included), and
 * prints them in order as an aligned text table, times in the publisher's time zone. An empty
 * "Cache until" means the decision holds until something is bought, granted, revoked or blocked.
 */
public final class DecisionTable {
    private static final String[] HEADER =
            {"When", "Reader", "Content", "Decision", "Reason", "Free views left", "Offers", "Cache until"};

    private final DateTimeFormatter dates;
    /** Rows of a decision, or of two cells: a note's time and text. */
    private final List<String[]> rows = new ArrayList<>();

    public DecisionTable(ZoneId zone) {
        this.dates = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    public void add(Instant at, String reader, Object content, AccessDecision decision) {
        rows.add(new String[] {
                dates.format(at),
                reader,
                content.toString(),
                decision.granted() ? "granted" : "DENIED",
                decision.reason().name(),
                decision.remainingFreeViews().isPresent()
                        ? Integer.toString(decision.remainingFreeViews().getAsInt()) : "",
                String.join(", ", decision.offers().stream().map(OfferId::value).toList()),
                decision.cacheUntil().map(dates::format).orElse("")});
    }

    /** A line between the decisions: what a reader or the publisher did. */
    public void note(Instant at, String text) {
        rows.add(new String[] {dates.format(at), "> " + text});
    }

    /**
     * Notes the access events that tell a CMS to drop a customer's cached decisions before their
     * cacheUntil (an {@code EventPublisher}); events arrive after their change was stored.
     */
    public void onEvent(DomainEvent event) {
        String change = event instanceof AccessEvent.ItemEnded e ? "item ends " + dates.format(e.endsAt())
                : event instanceof AccessEvent.ItemBlockChanged e ? (e.blocked() ? "item blocked" : "item unblocked")
                : event instanceof AccessEvent.CustomerBlockChanged e ? (e.blocked() ? "blocked" : "unblocked")
                : null;
        if (change != null) {
            AccessEvent access = (AccessEvent) event;
            note(access.occurredAt(), "event " + access.getClass().getSimpleName() + ": " + access.customerId() + " "
                    + change + "; the CMS drops " + access.customerId() + "'s cached decisions");
        }
    }

    /** What the first of {@code items} holds, its source and until when. */
    public String describe(List<AccessRightItem> items) {
        AccessRightItem item = items.get(0);
        return "a " + item.accessRightId().orElseThrow() + " item, source " + item.source() + ", "
                + item.endsAt().map(end -> "until " + dates.format(end)).orElse("while the subscription is active");
    }

    /** Prints the rows collected since the last call and forgets them. */
    public void print(PrintStream out) {
        if (rows.isEmpty()) {
            return;
        }
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
        }
        for (String[] row : rows) {
            if (row.length == HEADER.length) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
        }
        String[] rule = new String[HEADER.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        line(HEADER, widths, out);
        line(rule, widths, out);
        for (String[] row : rows) {
            if (row.length == HEADER.length) {
                line(row, widths, out);
            } else {
                out.println("    " + String.format("%-" + widths[0] + "s", row[0]) + "  " + row[1]);
            }
        }
        rows.clear();
    }

    private static void line(String[] cells, int[] widths, PrintStream out) {
        StringBuilder line = new StringBuilder("    ");
        for (int i = 0; i < cells.length; i++) {
            line.append(String.format("%-" + widths[i] + "s", cells[i])).append("  ");
        }
        out.println(line.toString().stripTrailing());
    }
}
