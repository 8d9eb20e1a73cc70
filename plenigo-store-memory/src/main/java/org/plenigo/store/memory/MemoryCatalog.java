package org.plenigo.store.memory;

import static org.plenigo.store.memory.MemoryTable.addSorted;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.AccessRightRepository;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.CreditProductRepository;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferRepository;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.ProductContractRepository;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.catalog.WalletRepository;

/** The catalog's repositories: product contracts, wallets, access rights, offers, credit products. */
final class MemoryCatalog {
    private static final Comparator<OfferId> OFFER_BY_ID = Comparator.comparing(OfferId::value);

    private final MemoryTable<ProductContractId, ProductContract> productContracts;
    private final MemoryTable<WalletId, Wallet> wallets;
    private final MemoryTable<AccessRightId, AccessRight> accessRights;
    private final MemoryTable<OfferId, Offer> offers;
    /** The ids of the offers granting each access right, ordered by id. */
    private final MemoryTable<AccessRightId, List<OfferId>> offersByRight;
    private final MemoryTable<CreditProductId, CreditProduct> creditProductRows;

    final ProductContractRepository productContractRepository = new ProductContractRepository() {
        public boolean insert(ProductContract contract) {
            return productContracts.insert(contract.id(), contract);
        }

        public Optional<ProductContract> find(ProductContractId id) {
            return productContracts.find(id);
        }
    };

    final WalletRepository walletRepository = new WalletRepository() {
        public boolean insert(Wallet wallet) {
            return wallets.insert(wallet.id(), wallet);
        }

        public Optional<Wallet> find(WalletId id) {
            return wallets.find(id);
        }
    };

    final AccessRightRepository accessRightRepository = new AccessRightRepository() {
        public boolean insert(AccessRight right) {
            return accessRights.insert(right.id(), right);
        }

        public Optional<AccessRight> find(AccessRightId id) {
            return accessRights.find(id);
        }
    };

    final OfferRepository offerRepository = new OfferRepository() {
        public boolean insert(Offer offer) {
            if (!offers.insert(offer.id(), offer)) {
                return false;
            }
            offer.accessRights().forEach(right -> addSorted(offersByRight, right, offer.id(), OFFER_BY_ID));
            return true;
        }

        public Optional<Offer> find(OfferId id) {
            return offers.find(id);
        }

        public List<OfferId> findGranting(Collection<AccessRightId> accessRights) {
            if (accessRights.size() == 1) {
                List<OfferId> granting = offersByRight.get(accessRights.iterator().next());
                return granting == null ? List.of() : granting;
            }
            Set<OfferId> granting = new TreeSet<>(OFFER_BY_ID);
            for (AccessRightId right : accessRights) {
                granting.addAll(offersByRight.find(right).orElse(List.of()));
            }
            return List.copyOf(granting);
        }
    };

    final CreditProductRepository creditProductRepository = new CreditProductRepository() {
        public boolean insert(CreditProduct product) {
            return creditProductRows.insert(product.id(), product);
        }

        public Optional<CreditProduct> find(CreditProductId id) {
            return creditProductRows.find(id);
        }
    };

    MemoryCatalog(MemoryTransactions transactions) {
        productContracts = new MemoryTable<>(transactions);
        wallets = new MemoryTable<>(transactions);
        accessRights = new MemoryTable<>(transactions);
        offers = new MemoryTable<>(transactions);
        offersByRight = new MemoryTable<>(transactions);
        creditProductRows = new MemoryTable<>(transactions);
    }
}
