package org.plenigo.core.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.plenigo.core.Require;

/**
 * The caller's key for one operation that moves money or credits. The same key sent again returns
 * the first result and changes nothing; the same key with different content is refused. Keys are
 * unique across all operations of a store, so a caller typically uses a UUID or a key derived
 * from its own order or event id.
 */
public record IdempotencyKey(String value) {
    public IdempotencyKey {
        Require.id(value, "idempotencyKey");
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    /**
     * A key for a step inside this key's operation (such as the n-th top-up it triggers). The
     * result is stable for the same inputs and fits the key length limit whatever the length of this key.
     */
    public IdempotencyKey derive(String step) {
        Require.notBlank(step, "step");
        return new IdempotencyKey("d-" + uuidOf(value + "/" + step));
    }

    /** A name-based UUID of {@code name}: stable identifiers derived from idempotency keys. */
    public static String uuidOf(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
