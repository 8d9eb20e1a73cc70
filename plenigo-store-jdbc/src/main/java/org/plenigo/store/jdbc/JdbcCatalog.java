package org.plenigo.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.plenigo.core.catalog.AccessRight;
import org.plenigo.core.catalog.AccessRightId;
import org.plenigo.core.catalog.AccessRightRepository;
import org.plenigo.core.catalog.ContentId;
import org.plenigo.core.catalog.ContractType;
import org.plenigo.core.catalog.CreditProduct;
import org.plenigo.core.catalog.CreditProductId;
import org.plenigo.core.catalog.CreditProductKind;
import org.plenigo.core.catalog.CreditProductRepository;
import org.plenigo.core.catalog.MeterAlignment;
import org.plenigo.core.catalog.MeterRule;
import org.plenigo.core.catalog.Offer;
import org.plenigo.core.catalog.OfferId;
import org.plenigo.core.catalog.OfferRepository;
import org.plenigo.core.catalog.OfferType;
import org.plenigo.core.catalog.PriceBasis;
import org.plenigo.core.catalog.ProductContract;
import org.plenigo.core.catalog.ProductContractId;
import org.plenigo.core.catalog.ProductContractRepository;
import org.plenigo.core.catalog.TaxType;
import org.plenigo.core.catalog.TopUpPlan;
import org.plenigo.core.catalog.TopUpType;
import org.plenigo.core.catalog.Wallet;
import org.plenigo.core.catalog.WalletId;
import org.plenigo.core.catalog.WalletRepository;
import org.plenigo.core.time.IntervalUnit;

/** The catalog's repositories: product contracts, wallets, access rights, offers, credit products. */
final class JdbcCatalog {
    final ProductContractRepository productContracts;
    final WalletRepository wallets;
    final AccessRightRepository accessRights;
    final OfferRepository offers;
    final CreditProductRepository creditProducts;

    JdbcCatalog(Sql sql, Tables tables) {
        String contract = tables.of("product_contract");
        String wallet = tables.of("wallet");
        String accessRight = tables.of("access_right");
        String offer = tables.of("offer");
        String offerRight = tables.of("offer_access_right");
        String creditProduct = tables.of("credit_product");
        String creditProductContent = tables.of("credit_product_content");

        productContracts = new ProductContractRepository() {
            @Override
            public boolean insert(ProductContract c) {
                return sql.insert("insert into " + contract + " (id, title, type, price_amount, price_currency, tax_type,"
                                + " term_count, term_unit, billing_count, billing_unit, cancellation_count,"
                                + " cancellation_unit, credits_per_top_up, price_basis, consumer_notice)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        c.id(), c.title(), c.type(), c.price().amount(), c.price().currency().getCurrencyCode(),
                        c.taxType(), Mapping.count(c.term()), Mapping.unit(c.term()),
                        Mapping.count(c.billingInterval()), Mapping.unit(c.billingInterval()),
                        Mapping.count(c.cancellationPeriod()), Mapping.unit(c.cancellationPeriod()),
                        c.creditsPerTopUp(), c.priceBasis(), c.consumerNotice());
            }

            @Override
            public Optional<ProductContract> find(ProductContractId id) {
                return sql.one("select * from " + contract + " where id = ?", rs -> new ProductContract(
                        new ProductContractId(rs.getString("id")), rs.getString("title"),
                        ContractType.valueOf(rs.getString("type")),
                        Mapping.money(rs, "price_amount", "price_currency"), TaxType.valueOf(rs.getString("tax_type")),
                        Mapping.interval(rs, "term"), Mapping.interval(rs, "billing"),
                        Mapping.interval(rs, "cancellation"), rs.getLong("credits_per_top_up"),
                        PriceBasis.valueOf(rs.getString("price_basis")), rs.getBoolean("consumer_notice")), id);
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
                Optional<MeterRule> meter = right.meter();
                return sql.insert("insert into " + accessRight + " (id, title, meter_anonymous_views,"
                                + " meter_registered_views, meter_period, meter_alignment) values (?, ?, ?, ?, ?, ?)",
                        right.id(), right.title(), meter.map(MeterRule::anonymousViews),
                        meter.map(MeterRule::registeredViews), meter.map(MeterRule::period),
                        meter.map(MeterRule::alignment));
            }

            @Override
            public Optional<AccessRight> find(AccessRightId id) {
                return sql.one("select * from " + accessRight + " where id = ?", JdbcCatalog::accessRight, id);
            }
        };

        offers = new OfferRepository() {
            @Override
            public boolean insert(Offer o) {
                Optional<TopUpPlan> plan = o.topUp();
                boolean inserted = sql.insert("insert into " + offer + " (id, title, type, product_contract_id,"
                                + " wallet_id, top_up_type, top_up_count, top_up_unit, access_duration_count,"
                                + " access_duration_unit, allows_several) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        o.id(), o.title(), o.type(), o.productContractId(), o.walletId(),
                        plan.map(TopUpPlan::type), Mapping.count(plan.flatMap(TopUpPlan::interval)),
                        Mapping.unit(plan.flatMap(TopUpPlan::interval)), Mapping.count(o.accessDuration()),
                        Mapping.unit(o.accessDuration()), o.allowsSeveral());
                if (inserted) {
                    sql.batch("insert into " + offerRight + " (offer_id, access_right_id) values (?, ?)",
                            o.accessRights().stream().map(right -> new Object[]{o.id(), right}).toList());
                }
                return inserted;
            }

            @Override
            public Optional<Offer> find(OfferId id) {
                Set<AccessRightId> rights = new HashSet<>(sql.list("select access_right_id from " + offerRight
                        + " where offer_id = ?", rs -> new AccessRightId(rs.getString(1)), id));
                return sql.one("select * from " + offer + " where id = ?", rs -> offer(rs, rights), id);
            }

            @Override
            public List<OfferId> findGranting(Collection<AccessRightId> rights) {
                if (rights.isEmpty()) {
                    return List.of();
                }
                return sql.list("select distinct offer_id from " + offerRight + " where access_right_id in "
                                + Sql.placeholders(rights.size()) + " order by offer_id",
                        rs -> new OfferId(rs.getString(1)), rights.toArray());
            }
        };

        creditProducts = new CreditProductRepository() {
            @Override
            public boolean insert(CreditProduct p) {
                boolean inserted = sql.insert("insert into " + creditProduct + " (id, title, kind, wallet_id, credits,"
                        + " picks) values (?, ?, ?, ?, ?, ?)", p.id(), p.title(), p.kind(), p.walletId(), p.credits(),
                        p.picks());
                if (inserted) {
                    List<Object[]> rows = new ArrayList<>();
                    for (int i = 0; i < p.contents().size(); i++) {
                        rows.add(new Object[]{p.id(), i, p.contents().get(i)});
                    }
                    sql.batch("insert into " + creditProductContent + " (credit_product_id, ordinal, content_id)"
                            + " values (?, ?, ?)", rows);
                }
                return inserted;
            }

            @Override
            public Optional<CreditProduct> find(CreditProductId id) {
                List<ContentId> contents = sql.list("select content_id from " + creditProductContent
                        + " where credit_product_id = ? order by ordinal", rs -> new ContentId(rs.getString(1)), id);
                return sql.one("select * from " + creditProduct + " where id = ?", rs -> new CreditProduct(
                        new CreditProductId(rs.getString("id")), rs.getString("title"),
                        CreditProductKind.valueOf(rs.getString("kind")), new WalletId(rs.getString("wallet_id")),
                        rs.getLong("credits"), contents, rs.getInt("picks")), id);
            }
        };
    }

    private static AccessRight accessRight(ResultSet rs) throws SQLException {
        String period = rs.getString("meter_period");
        Optional<MeterRule> meter = period == null ? Optional.empty() : Optional.of(new MeterRule(
                rs.getInt("meter_anonymous_views"), rs.getInt("meter_registered_views"), IntervalUnit.valueOf(period),
                MeterAlignment.valueOf(rs.getString("meter_alignment"))));
        return new AccessRight(new AccessRightId(rs.getString("id")), rs.getString("title"), meter);
    }

    private static Offer offer(ResultSet rs, Set<AccessRightId> rights) throws SQLException {
        String topUpType = rs.getString("top_up_type");
        Optional<TopUpPlan> plan = topUpType == null ? Optional.empty()
                : Optional.of(new TopUpPlan(TopUpType.valueOf(topUpType), Mapping.interval(rs, "top_up")));
        return new Offer(new OfferId(rs.getString("id")), rs.getString("title"), OfferType.valueOf(rs.getString("type")),
                new ProductContractId(rs.getString("product_contract_id")),
                Mapping.optionalString(rs, "wallet_id").map(WalletId::new), plan, rights,
                Mapping.interval(rs, "access_duration"), rs.getBoolean("allows_several"));
    }
}
