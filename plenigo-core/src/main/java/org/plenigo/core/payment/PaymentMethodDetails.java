package org.plenigo.core.payment;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Optional;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.payment.internal.PaymentChecks;

/**
 * What a payment provider needs to charge a customer by one kind of payment method. Every record
 * keeps only what may be stored: a provider's token instead of a card number, a masked IBAN
 * instead of the full one.
 */
public sealed interface PaymentMethodDetails
        permits PaymentMethodDetails.CreditCard, PaymentMethodDetails.SepaDirectDebit, PaymentMethodDetails.PayPal,
        PaymentMethodDetails.Ideal {

    PaymentMethodType type();

    /**
     * A card the provider keeps; only its brand, last four digits and expiry are known here.
     *
     * @param providerToken the provider's token of the card
     * @param brand         e.g. {@code VISA}, {@code MASTERCARD}
     * @param lastFour      the last four digits of the card number
     * @param expiryMonth   1 to 12
     * @param expiryYear    four digits
     */
    record CreditCard(String providerToken, String brand, String lastFour, int expiryMonth, int expiryYear)
            implements PaymentMethodDetails {
        public CreditCard {
            PaymentChecks.token(providerToken, "creditCard.providerToken");
            Require.maxLength(Require.notBlank(brand, "creditCard.brand"), 32, "creditCard.brand");
            Require.notNull(lastFour, "creditCard.lastFour");
            if (!lastFour.matches("[0-9]{4}")) {
                // never echoed: a full card number passed here by mistake must not reach a log
                throw new ValidationException("creditCard.lastFour must be 4 digits, was " + lastFour.length()
                        + " characters");
            }
            Require.that(expiryMonth >= 1 && expiryMonth <= 12,
                    "creditCard.expiryMonth must be 1 to 12, was " + expiryMonth);
            Require.that(expiryYear >= 2000 && expiryYear <= 2999,
                    "creditCard.expiryYear must have four digits, was " + expiryYear);
        }

        @Override
        public PaymentMethodType type() {
            return PaymentMethodType.CREDIT_CARD;
        }

        /** The month the card expires with: it is valid through its last day. */
        public YearMonth expiry() {
            return YearMonth.of(expiryYear, expiryMonth);
        }

        /** Whether the card can no longer be charged on {@code day}: after the last day of its expiry month. */
        public boolean expiredOn(LocalDate day) {
            Require.notNull(day, "day");
            return day.isAfter(expiry().atEndOfMonth());
        }
    }

    /**
     * A SEPA direct debit mandate: made by {@link #of} from the full IBAN, which is checked and then
     * kept only masked.
     *
     * @param maskedIban       the debtor's account, masked
     * @param providerToken    the provider's token of the account or mandate
     * @param mandateReference the mandate's reference: at most 35 characters of
     *                         {@code A-Z a-z 0-9 / - ? : ( ) . , ' +}
     * @param mandateDate      the day the debtor signed the mandate
     * @param creditorId       the publisher's SEPA creditor identifier
     */
    record SepaDirectDebit(MaskedIban maskedIban, String providerToken, String mandateReference,
                           LocalDate mandateDate, CreditorId creditorId) implements PaymentMethodDetails {
        public SepaDirectDebit {
            Require.notNull(maskedIban, "sepaDirectDebit.maskedIban");
            PaymentChecks.token(providerToken, "sepaDirectDebit.providerToken");
            PaymentChecks.mandateReference(mandateReference, "sepaDirectDebit.mandateReference");
            Require.notNull(mandateDate, "sepaDirectDebit.mandateDate");
            Require.notNull(creditorId, "sepaDirectDebit.creditorId");
        }

        /**
         * A mandate on the account of {@code iban}, which is checked by ISO 13616 (its country's
         * length and its check digits; spaces allowed) and kept only masked.
         *
         * @throws ValidationException naming the field, never the full IBAN, if the IBAN or any other
         *                             field is not valid
         */
        public static SepaDirectDebit of(String iban, String providerToken, String mandateReference,
                                         LocalDate mandateDate, CreditorId creditorId) {
            return new SepaDirectDebit(MaskedIban.of(iban), providerToken, mandateReference, mandateDate, creditorId);
        }

        @Override
        public PaymentMethodType type() {
            return PaymentMethodType.SEPA_DIRECT_DEBIT;
        }
    }

    /**
     * A PayPal account that can be charged without the buyer present.
     *
     * @param billingAgreementOrVaultToken the billing agreement id or vaulted payment token
     * @param payerEmail                   the PayPal account's email address
     */
    record PayPal(String billingAgreementOrVaultToken, String payerEmail) implements PaymentMethodDetails {
        public PayPal {
            PaymentChecks.token(billingAgreementOrVaultToken, "payPal.billingAgreementOrVaultToken");
            PaymentChecks.email(payerEmail, "payPal.payerEmail");
        }

        @Override
        public PaymentMethodType type() {
            return PaymentMethodType.PAYPAL;
        }
    }

    /**
     * iDEAL, the Dutch bank redirect payment: euro only, for customers in the Netherlands (checked
     * when it is added to a customer). Each payment is a redirect to the bank; renewals run as SEPA
     * direct debits on the mandate the first payment yields.
     *
     * @param issuerBic the BIC of the customer's bank, if known (8 or 11 characters)
     * @param mandate   the SEPA mandate the first payment yielded, once known
     */
    record Ideal(Optional<String> issuerBic, Optional<SepaDirectDebit> mandate) implements PaymentMethodDetails {
        /** The one currency iDEAL pays in. */
        public static final Currency CURRENCY = Currency.getInstance("EUR");
        /** The country whose customers may pay by iDEAL. */
        public static final String COUNTRY = "NL";

        public Ideal {
            Require.notNull(issuerBic, "ideal.issuerBic");
            issuerBic.ifPresent(bic -> PaymentChecks.bic(bic, "ideal.issuerBic"));
            Require.notNull(mandate, "ideal.mandate");
        }

        /** iDEAL before its first payment: no mandate yet. */
        public static Ideal of(Optional<String> issuerBic) {
            return new Ideal(issuerBic, Optional.empty());
        }

        /** This iDEAL method with the mandate its first payment yielded. */
        public Ideal withMandate(SepaDirectDebit mandate) {
            return new Ideal(issuerBic, Optional.of(Require.notNull(mandate, "ideal.mandate")));
        }

        /** Whether iDEAL pays in {@code currency}: in euro only. */
        public boolean accepts(Currency currency) {
            return CURRENCY.equals(Require.notNull(currency, "currency"));
        }

        @Override
        public PaymentMethodType type() {
            return PaymentMethodType.IDEAL;
        }
    }
}
