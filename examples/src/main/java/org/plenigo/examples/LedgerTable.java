package org.plenigo.examples;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.plenigo.core.wallet.LedgerEntry;

/** Prints a customer wallet's ledger as an aligned text table, dates in the publisher's time zone. */
public final class LedgerTable {
    private static final String[] HEADER = {"Date (Europe/Berlin)", "Type", "Credits", "Balance after", "Reference"};
    private static final boolean[] RIGHT_ALIGNED = {false, false, true, true, false};

    private final DateTimeFormatter dates;

    public LedgerTable(ZoneId zone) {
        this.dates = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    public void print(List<LedgerEntry> ledger, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (LedgerEntry entry : ledger) {
            rows.add(new String[] {
                    dates.format(entry.at()),
                    entry.type().name(),
                    String.format("%+d", entry.credits()),
                    Long.toString(entry.balanceAfter()),
                    entry.reference().orElse("")});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        String[] rule = new String[HEADER.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        rows.add(1, rule);
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("    ");
            for (int i = 0; i < row.length; i++) {
                String format = "%" + (RIGHT_ALIGNED[i] ? "" : "-") + widths[i] + "s";
                line.append(String.format(format, row[i])).append(i < row.length - 1 ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
