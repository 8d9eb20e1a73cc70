package org.plenigo.core.catalog;

import java.util.Optional;
import org.plenigo.core.ConflictException;
import org.plenigo.core.ErrorCode;
import org.plenigo.core.NotFoundException;
import org.plenigo.core.Require;
import org.plenigo.core.ValidationException;
import org.plenigo.core.store.Store;

/**
 * The catalog: product contracts, wallets, access rights and offers. Thread-safe. Every create
 * call either stores everything it was given or nothing, and refuses a duplicate id with
 * {@link ErrorCode#ALREADY_EXISTS}.
 */
public final class CatalogService {
    private final Store store;

    public CatalogService(Store store) {
        this.store = store;
    }

    public ProductContract createProductContract(ProductContract contract) {
        Require.notNull(contract, "productContract");
        return store.transactions().inTransaction(() -> {
            requireNew(store.productContracts().insert(contract), "product contract", contract.id());
            return contract;
        });
    }

    public Wallet createWallet(Wallet wallet) {
        Require.notNull(wallet, "wallet");
        return store.transactions().inTransaction(() -> {
            requireNew(store.walletDefinitions().insert(wallet), "wallet", wallet.id());
            return wallet;
        });
    }

    public AccessRight createAccessRight(AccessRight accessRight) {
        Require.notNull(accessRight, "accessRight");
        return store.transactions().inTransaction(() -> {
            requireNew(store.accessRights().insert(accessRight), "access right", accessRight.id());
            return accessRight;
        });
    }

    /**
     * Creates an offer whose product contract, wallet and access rights already exist.
     *
     * @throws ValidationException with {@link ErrorCode#PRODUCT_CONTRACT_REQUIRED} if the product contract
     *                             does not exist, with {@link ErrorCode#WALLET_REQUIRED} if the offer's
     *                             wallet does not exist, with {@link ErrorCode#CURRENCY_MISMATCH} if the
     *                             wallet's currency differs from the contract's price, and with
     *                             {@link ErrorCode#INVALID_INPUT} if the contract does not fit the offer
     *                             type (a usage-based offer needs a CREDIT_BASED contract, a time-based
     *                             one a TIME_BASED contract)
     * @throws NotFoundException   if a referenced access right does not exist
     */
    public Offer createOffer(Offer offer) {
        Require.notNull(offer, "offer");
        return store.transactions().inTransaction(() -> {
            checkAndInsert(offer);
            return offer;
        });
    }

    /**
     * Creates an offer together with the new wallet it uses ("in-line"), in one unit of work: if the
     * offer is refused, the wallet is not stored either.
     *
     * @throws ValidationException if the offer does not name {@code inlineWallet}'s id, and as
     *                             {@link #createOffer(Offer)} does
     */
    public Offer createOffer(Offer offer, Wallet inlineWallet) {
        Require.notNull(offer, "offer");
        Require.notNull(inlineWallet, "inlineWallet");
        if (!offer.walletId().equals(Optional.of(inlineWallet.id()))) {
            throw new ValidationException("offer.walletId " + offer.walletId().map(WalletId::value).orElse("(none)")
                    + " does not name the in-line wallet '" + inlineWallet.id() + "'");
        }
        return store.transactions().inTransaction(() -> {
            requireNew(store.walletDefinitions().insert(inlineWallet), "wallet", inlineWallet.id());
            checkAndInsert(offer);
            return offer;
        });
    }

    /**
     * Creates content sold for credits of an existing wallet.
     *
     * @throws NotFoundException if the wallet does not exist
     * @throws ConflictException with {@link ErrorCode#ALREADY_EXISTS} if the id is taken
     */
    public CreditProduct createCreditProduct(CreditProduct product) {
        Require.notNull(product, "creditProduct");
        return store.transactions().inTransaction(() -> {
            if (store.walletDefinitions().find(product.walletId()).isEmpty()) {
                throw new NotFoundException("wallet", product.walletId());
            }
            requireNew(store.creditProducts().insert(product), "credit product", product.id());
            return product;
        });
    }

    public Optional<CreditProduct> findCreditProduct(CreditProductId id) {
        return store.transactions().inTransaction(() -> store.creditProducts().find(Require.notNull(id, "id")));
    }

    public Optional<ProductContract> findProductContract(ProductContractId id) {
        return store.transactions().inTransaction(() -> store.productContracts().find(Require.notNull(id, "id")));
    }

    public Optional<Wallet> findWallet(WalletId id) {
        return store.transactions().inTransaction(() -> store.walletDefinitions().find(Require.notNull(id, "id")));
    }

    public Optional<AccessRight> findAccessRight(AccessRightId id) {
        return store.transactions().inTransaction(() -> store.accessRights().find(Require.notNull(id, "id")));
    }

    public Optional<Offer> findOffer(OfferId id) {
        return store.transactions().inTransaction(() -> store.offers().find(Require.notNull(id, "id")));
    }

    private void checkAndInsert(Offer offer) {
        ProductContract contract = store.productContracts().find(offer.productContractId())
                .orElseThrow(() -> new ValidationException(ErrorCode.PRODUCT_CONTRACT_REQUIRED,
                        "offer.productContractId: product contract '" + offer.productContractId()
                                + "' does not exist; create it before the offer"));
        // access for a period, by subscription or bought once, is TIME_BASED; credits are CREDIT_BASED
        ContractType needed = offer.walletId().isPresent() ? ContractType.CREDIT_BASED : ContractType.TIME_BASED;
        if (contract.type() != needed) {
            throw new ValidationException("offer.productContractId '" + contract.id() + "' is a " + contract.type()
                    + " contract; a " + offer.type() + (offer.walletId().isPresent() ? " with a wallet" : "")
                    + " needs a " + needed + " contract");
        }
        if (offer.walletId().isPresent()) {
            WalletId walletId = offer.walletId().get();
            Wallet wallet = store.walletDefinitions().find(walletId).orElseThrow(() -> new ValidationException(
                    ErrorCode.WALLET_REQUIRED, "offer.walletId: wallet '" + walletId + "' does not exist; create it"
                            + " before the offer or pass it to createOffer(offer, wallet)"));
            if (!wallet.currency().equals(contract.price().currency())) {
                throw new ValidationException(ErrorCode.CURRENCY_MISMATCH, "offer.walletId '" + walletId
                        + "' counts credits in " + wallet.currency() + " but product contract '" + contract.id()
                        + "' is priced in " + contract.price().currency());
            }
        }
        for (AccessRightId right : offer.accessRights()) {
            if (store.accessRights().find(right).isEmpty()) {
                throw new NotFoundException("access right", right);
            }
        }
        requireNew(store.offers().insert(offer), "offer", offer.id());
    }

    private static void requireNew(boolean inserted, String what, Object id) {
        if (!inserted) {
            throw new ConflictException(ErrorCode.ALREADY_EXISTS, what + " '" + id + "' already exists");
        }
    }
}
