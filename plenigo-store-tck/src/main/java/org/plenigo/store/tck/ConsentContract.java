package org.plenigo.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.consent.Consent;
import org.plenigo.core.consent.ConsentId;
import org.plenigo.core.consent.ConsentQuestion;
import org.plenigo.core.customer.CustomerId;

/**
 * Consents on the store under test: every answer is kept with the text shown, its version, the
 * time and the answer; a change of mind appends a new answer and leaves the earlier ones as they
 * were; the latest answer per purpose is the current one.
 */
public abstract class ConsentContract extends StoreContractSupport {
    private static final ConsentQuestion OPT_IN_V1 = ConsentQuestion.marketing(
            "Ja, ich möchte Angebote per E-Mail erhalten.", "2025-01");
    private static final ConsentQuestion OPT_IN_V2 = ConsentQuestion.marketing(
            "Yes, send me offers by email; unsubscribe at any time.", "2025-02");
    private static final ConsentQuestion SURVEYS = new ConsentQuestion("surveys", "May we ask you about us?", "1");

    private CustomerId reader;

    @BeforeEach
    void createCustomer() {
        reader = customer("reader-1");
    }

    @Test
    void anAnswerIsKeptWithTheTextShownItsVersionTheTimeAndTheAnswer() {
        Instant now = clock.instant();

        Consent recorded = plenigo.consents().record(reader, OPT_IN_V1, true, key("opt-in-1"));

        assertThat(recorded.customerId()).isEqualTo(reader);
        assertThat(recorded.question()).isEqualTo(OPT_IN_V1);
        assertThat(recorded.purpose()).isEqualTo("marketing");
        assertThat(recorded.recordedAt()).isEqualTo(now);
        assertThat(recorded.granted()).isTrue();
        assertThat(recorded.reference()).isEmpty();
        assertThat(plenigo.consents().current(reader, "marketing")).contains(recorded);
        assertThat(tx(() -> store.consents().find(recorded.id()))).contains(recorded);
    }

    @Test
    void aChangeOfMindAppendsAndNeverOverwrites() {
        Consent first = plenigo.consents().record(reader, OPT_IN_V1, true, key("opt-in-1"));
        clock.advance(Duration.ofDays(30));
        Consent withdrawn = plenigo.consents().record(reader, OPT_IN_V1, false, key("opt-in-2"));
        clock.advance(Duration.ofDays(30));
        Consent again = plenigo.consents().record(reader, OPT_IN_V2, true, key("opt-in-3"));

        assertThat(plenigo.consents().history(reader, "marketing")).containsExactly(first, withdrawn, again);
        assertThat(plenigo.consents().current(reader, "marketing")).contains(again);
        assertThat(tx(() -> store.consents().find(first.id()))).contains(first);
    }

    @Test
    void answersKeepTheOrderTheyWereRecordedInAtTheSameInstant() {
        Consent yes = plenigo.consents().record(reader, OPT_IN_V1, true, key("a"));
        Consent no = plenigo.consents().record(reader, OPT_IN_V1, false, key("b"));
        Consent yesAgain = plenigo.consents().record(reader, OPT_IN_V1, true, key("c"));

        assertThat(plenigo.consents().history(reader, "marketing")).containsExactly(yes, no, yesAgain);
        assertThat(plenigo.consents().current(reader, "marketing")).contains(yesAgain);
    }

    @Test
    void purposesAreAnsweredApart() {
        Consent marketing = plenigo.consents().record(reader, OPT_IN_V1, true, key("m"));
        Consent surveys = plenigo.consents().record(reader, SURVEYS, false, key("s"));
        CustomerId other = customer("reader-2");

        assertThat(plenigo.consents().history(reader)).containsExactly(marketing, surveys);
        assertThat(plenigo.consents().current(reader, "surveys")).contains(surveys);
        assertThat(plenigo.consents().current(reader, "newsletter")).isEmpty();
        assertThat(plenigo.consents().history(other)).isEmpty();
    }

    @Test
    void theSameKeyAgainRecordsNothingAndAnotherAnswerUnderItIsRefused() {
        Consent first = plenigo.consents().record(reader, OPT_IN_V1, true, key("opt-in"));
        clock.advance(Duration.ofMinutes(1));

        assertThat(plenigo.consents().record(reader, OPT_IN_V1, true, key("opt-in"))).isEqualTo(first);
        assertRefused(() -> plenigo.consents().record(reader, OPT_IN_V1, false, key("opt-in")),
                ConflictException.class, ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(plenigo.consents().history(reader)).containsExactly(first);
    }

    @Test
    void anUnknownCustomerIsRefused() {
        assertNotFound(() -> plenigo.consents().record(CustomerId.of("nobody"), OPT_IN_V1, true, key("k")), "nobody");
    }

    @Test
    void theRepositoryRefusesADuplicateIdAndReadsBackReferencesAtMicrosecondPrecision() {
        Instant at = Instant.parse("2025-03-01T10:15:30.123456Z");
        Consent consent = new Consent(new ConsentId("cst-1"), reader, OPT_IN_V1, at, true, Optional.of("ord-1"));

        assertThat(tx(() -> store.consents().insert(consent))).isTrue();
        assertThat(tx(() -> store.consents().insert(new Consent(consent.id(), reader, SURVEYS, at, false,
                Optional.empty())))).isFalse();

        assertThat(tx(() -> store.consents().find(consent.id()))).contains(consent);
        assertThat(tx(() -> store.consents().findByCustomer(reader))).containsExactly(consent);
    }

    @Test
    void aRolledBackAnswerIsNotKept() {
        Consent consent = new Consent(new ConsentId("cst-1"), reader, OPT_IN_V1, clock.instant(), true,
                Optional.empty());
        try {
            txRun(() -> {
                store.consents().insert(consent);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the unit of work rolled back
        }

        assertThat(tx(() -> store.consents().findByCustomer(reader))).isEmpty();
    }
}
