package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.AccessRightRepository;
import org.plenigo.core.catalog.ContractType;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferRepository;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.ProductContractRepository;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.catalog.WalletRepository;

/** The catalog's repositories: product contracts, wallets, access rights, offers. */
final class JdbcCatalog {
    final ProductContractRepository productContracts;
    final WalletRepository wallets;
    final AccessRightRepository accessRights;
    final OfferRepository offers;

    JdbcCatalog(Sql sql, Tables tables) {
        String contract = tables.of("product_contract");
        String wallet = tables.of("wallet");
        String accessRight = tables.of("access_right");
        String offer = tables.of("offer");
        String offerRight = tables.of("offer_access_right");

        productContracts = new ProductContractRepository() {
            @Override
            public boolean insert(ProductContract c) {
                return sql.insert("insert into " + contract + " (id, title, type, price_amount, price_currency, tax_type,"
                                + " term_count, term_unit, billing_count, billing_unit, cancellation_count,"
                                + " cancellation_unit, credits_per_top_up) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        c.id(), c.title(), c.type(), c.price().amount(), c.price().currency().getCurrencyCode(),
                        c.taxType(), Mapping.count(c.term()), Mapping.unit(c.term()),
                        Mapping.count(c.billingInterval()), Mapping.unit(c.billingInterval()),
                        Mapping.count(c.cancellationPeriod()), Mapping.unit(c.cancellationPeriod()),
                        c.creditsPerTopUp());
            }

            @Override
            public Optional<ProductContract> find(ProductContractId id) {
                return sql.one("select * from " + contract + " where id = ?", rs -> new ProductContract(
                        new ProductContractId(rs.getString("id")), rs.getString("title"),
                        ContractType.valueOf(rs.getString("type")),
                        Mapping.money(rs, "price_amount", "price_currency"), TaxType.valueOf(rs.getString("tax_type")),
                        Mapping.interval(rs, "term"), Mapping.interval(rs, "billing"),
                        Mapping.interval(rs, "cancellation"), rs.getLong("credits_per_top_up")), id);
            }
        };

        wallets = new WalletRepository() {
            @Override
            public boolean insert(Wallet w) {
                return sql.insert("insert into " + wallet + " (id, title, credit_value_amount, credit_value_currency,"
                                + " validity_count, validity_unit) values (?, ?, ?, ?, ?, ?)",
                        w.id(), w.title(), w.creditValue().amount(), w.currency().getCurrencyCode(),
                        Mapping.count(w.creditValidity()), Mapping.unit(w.creditValidity()));
            }

            @Override
            public Optional<Wallet> find(WalletId id) {
                return sql.one("select * from " + wallet + " where id = ?", rs -> new Wallet(
                        new WalletId(rs.getString("id")), rs.getString("title"),
                        Mapping.money(rs, "credit_value_amount", "credit_value_currency"),
                        Mapping.interval(rs, "validity")), id);
            }
        };

        accessRights = new AccessRightRepository() {
            @Override
            public boolean insert(AccessRight right) {
                return sql.insert("insert into " + accessRight + " (id, title) values (?, ?)", right.id(), right.title());
            }

            @Override
            public Optional<AccessRight> find(AccessRightId id) {
                return sql.one("select id, title from " + accessRight + " where id = ?",
                        rs -> new AccessRight(new AccessRightId(rs.getString("id")), rs.getString("title")), id);
            }
        };

        offers = new OfferRepository() {
            @Override
            public boolean insert(Offer o) {
                Optional<TopUpPlan> plan = o.topUp();
                boolean inserted = sql.insert("insert into " + offer + " (id, title, type, product_contract_id,"
                                + " wallet_id, top_up_type, top_up_count, top_up_unit) values (?, ?, ?, ?, ?, ?, ?, ?)",
                        o.id(), o.title(), o.type(), o.productContractId(), o.walletId(),
                        plan.map(TopUpPlan::type), Mapping.count(plan.flatMap(TopUpPlan::interval)),
                        Mapping.unit(plan.flatMap(TopUpPlan::interval)));
                if (inserted) {
                    for (AccessRightId right : o.accessRights()) {
                        sql.update("insert into " + offerRight + " (offer_id, access_right_id) values (?, ?)",
                                o.id(), right);
                    }
                }
                return inserted;
            }

            @Override
            public Optional<Offer> find(OfferId id) {
                Set<AccessRightId> rights = new HashSet<>(sql.list("select access_right_id from " + offerRight
                        + " where offer_id = ?", rs -> new AccessRightId(rs.getString(1)), id));
                return sql.one("select * from " + offer + " where id = ?", rs -> offer(rs, rights), id);
            }
        };
    }

    private static Offer offer(ResultSet rs, Set<AccessRightId> rights) throws SQLException {
        String topUpType = rs.getString("top_up_type");
        Optional<TopUpPlan> plan = topUpType == null ? Optional.empty()
                : Optional.of(new TopUpPlan(TopUpType.valueOf(topUpType), Mapping.interval(rs, "top_up")));
        return new Offer(new OfferId(rs.getString("id")), rs.getString("title"), OfferType.valueOf(rs.getString("type")),
                new ProductContractId(rs.getString("product_contract_id")),
                Mapping.optionalString(rs, "wallet_id").map(WalletId::new), plan, rights);
    }
}
