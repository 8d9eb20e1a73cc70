package org.plenigo.core.tax;

/** How an invoice is taxed, and so which note it carries. */
public enum TaxTreatment {
    /** Taxed at the rates of its lines. */
    TAXED,
    /**
     * A business customer with a VAT id of another EU member state owes the tax (reverse charge,
     * Art. 44 and 196 of Directive 2006/112/EC): rate 0, both VAT ids and a note on the invoice.
     */
    REVERSE_CHARGE,
    /** The place of supply is outside the EU and no rule for the customer's country is configured. */
    NOT_TAXABLE_IN_EU;

    /** The note the invoice prints for this treatment, empty for {@link #TAXED}. */
    public String note() {
        return switch (this) {
            case TAXED -> "";
            case REVERSE_CHARGE -> "Reverse charge: VAT to be accounted for by the recipient"
                    + " (Art. 196 Directive 2006/112/EC). Steuerschuldnerschaft des Leistungsempfängers.";
            case NOT_TAXABLE_IN_EU -> "Not subject to VAT in the EU: place of supply outside the EU"
                    + " (Art. 58 Directive 2006/112/EC). Nicht im Inland steuerbare Leistung.";
        };
    }
}
