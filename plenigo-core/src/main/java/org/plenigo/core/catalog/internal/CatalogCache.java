package org.plenigo.core.catalog.internal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.store.Store;

/**
 * Read-through cache of the catalog entries that money, credit and access operations look up on
 * every call. Product contracts, wallets, offers, access rights and credit products never change once created, so an entry read from the
 * store stays true for the life of the process, on every node. Only entries found are kept;
 * entries are read only by operations other than the ones creating them, so an entry rolled back
 * with its creator is never seen here. Thread-safe.
 */
public final class CatalogCache {
    private final Store store;
    private final Map<ProductContractId, ProductContract> productContracts = new ConcurrentHashMap<>();
    private final Map<WalletId, Wallet> wallets = new ConcurrentHashMap<>();
    private final Map<OfferId, Offer> offers = new ConcurrentHashMap<>();
    private final Map<AccessRightId, AccessRight> accessRights = new ConcurrentHashMap<>();
    private final Map<CreditProductId, CreditProduct> creditProducts = new ConcurrentHashMap<>();

    public CatalogCache(Store store) {
        this.store = store;
    }

    /** @throws NotFoundException if the product contract does not exist */
    public ProductContract productContract(ProductContractId id) {
        return cached(productContracts, id, store.productContracts()::find, "product contract");
    }

    /** @throws NotFoundException if the wallet does not exist */
    public Wallet wallet(WalletId id) {
        return cached(wallets, id, store.walletDefinitions()::find, "wallet");
    }

    /** @throws NotFoundException if the offer does not exist */
    public Offer offer(OfferId id) {
        return cached(offers, id, store.offers()::find, "offer");
    }

    /** @throws NotFoundException if the access right does not exist */
    public AccessRight accessRight(AccessRightId id) {
        return cached(accessRights, id, store.accessRights()::find, "access right");
    }

    /** @throws NotFoundException if the credit product does not exist */
    public CreditProduct creditProduct(CreditProductId id) {
        return cached(creditProducts, id, store.creditProducts()::find, "credit product");
    }

    private static <K, V> V cached(Map<K, V> cache, K id, Function<K, Optional<V>> find, String what) {
        V value = cache.get(id);
        if (value == null) {
            value = find.apply(id).orElseThrow(() -> new NotFoundException(what, id));
            cache.put(id, value);
        }
        return value;
    }
}
