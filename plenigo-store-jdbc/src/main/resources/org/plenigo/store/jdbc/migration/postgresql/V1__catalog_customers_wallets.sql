-- plenigo schema, version 1: catalog, customers, subscriptions, customer wallets and their ledger.
-- ${flyway:defaultSchema} and ${prefix} are Flyway placeholders: the schema and the table prefix.

create table ${flyway:defaultSchema}.${prefix}product_contract (
    id                  varchar(128) primary key,
    title               varchar(200) not null,
    type                varchar(16)  not null,
    price_amount        numeric(19, 4) not null check (price_amount >= 0),
    price_currency      char(3)      not null,
    tax_type            varchar(32)  not null,
    term_count          integer,
    term_unit           varchar(8),
    billing_count       integer,
    billing_unit        varchar(8),
    cancellation_count  integer,
    cancellation_unit   varchar(8),
    credits_per_top_up  bigint       not null check (credits_per_top_up >= 0)
);

create table ${flyway:defaultSchema}.${prefix}wallet (
    id                    varchar(128) primary key,
    title                 varchar(200) not null,
    credit_value_amount   numeric(19, 4) not null check (credit_value_amount > 0),
    credit_value_currency char(3)      not null,
    validity_count        integer,
    validity_unit         varchar(8)
);

create table ${flyway:defaultSchema}.${prefix}access_right (
    id    varchar(128) primary key,
    title varchar(200) not null
);

create table ${flyway:defaultSchema}.${prefix}offer (
    id                  varchar(128) primary key,
    title               varchar(200) not null,
    type                varchar(32)  not null,
    product_contract_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}product_contract (id),
    wallet_id           varchar(128) references ${flyway:defaultSchema}.${prefix}wallet (id),
    top_up_type         varchar(16),
    top_up_count        integer,
    top_up_unit         varchar(8)
);

create table ${flyway:defaultSchema}.${prefix}offer_access_right (
    offer_id        varchar(128) not null references ${flyway:defaultSchema}.${prefix}offer (id),
    access_right_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}access_right (id),
    primary key (offer_id, access_right_id)
);

create table ${flyway:defaultSchema}.${prefix}customer (
    id      varchar(128) primary key,
    email   varchar(254) not null,
    name    varchar(200) not null,
    country char(2)      not null,
    vat_id  varchar(20)
);

create table ${flyway:defaultSchema}.${prefix}customer_wallet (
    id          varchar(128) primary key,
    customer_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}customer (id),
    wallet_id   varchar(128) not null references ${flyway:defaultSchema}.${prefix}wallet (id),
    balance     bigint       not null check (balance >= 0),
    version     bigint       not null check (version >= 0),
    unique (customer_id, wallet_id)
);

create table ${flyway:defaultSchema}.${prefix}subscription (
    id                 varchar(128) primary key,
    customer_id        varchar(128) not null references ${flyway:defaultSchema}.${prefix}customer (id),
    offer_id           varchar(128) not null references ${flyway:defaultSchema}.${prefix}offer (id),
    status             varchar(16)  not null,
    started_at         timestamptz  not null,
    cancelled_at       timestamptz,
    customer_wallet_id varchar(128) references ${flyway:defaultSchema}.${prefix}customer_wallet (id),
    top_up_type        varchar(16),
    next_top_up_index  bigint       not null check (next_top_up_index >= 0),
    next_top_up_at     timestamptz
);
create index ${prefix}subscription_customer on ${flyway:defaultSchema}.${prefix}subscription (customer_id);
create index ${prefix}subscription_wallet on ${flyway:defaultSchema}.${prefix}subscription (customer_wallet_id);
create index ${prefix}subscription_due on ${flyway:defaultSchema}.${prefix}subscription (next_top_up_at, id)
    where next_top_up_at is not null;

create table ${flyway:defaultSchema}.${prefix}credit_lot (
    id                 varchar(128) primary key,
    customer_wallet_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}customer_wallet (id),
    credits            bigint       not null check (credits > 0),
    remaining          bigint       not null check (remaining >= 0 and remaining <= credits),
    added_at           timestamptz  not null,
    expires_at         timestamptz
);
create index ${prefix}credit_lot_open on ${flyway:defaultSchema}.${prefix}credit_lot (customer_wallet_id)
    where remaining > 0;
create index ${prefix}credit_lot_expiry on ${flyway:defaultSchema}.${prefix}credit_lot (expires_at)
    where remaining > 0 and expires_at is not null;

create table ${flyway:defaultSchema}.${prefix}ledger_entry (
    id                 varchar(128) primary key,
    customer_wallet_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}customer_wallet (id),
    sequence_no        bigint       not null check (sequence_no > 0),
    type               varchar(16)  not null,
    credits            bigint       not null check (credits <> 0),
    balance_after      bigint       not null check (balance_after >= 0),
    booked_at          timestamptz  not null,
    subscription_id    varchar(128),
    idempotency_key    varchar(128) not null,
    reference          varchar(200),
    unique (customer_wallet_id, sequence_no)
);
create index ${prefix}ledger_top_ups on ${flyway:defaultSchema}.${prefix}ledger_entry (subscription_id, booked_at)
    where type = 'TOP_UP';

create table ${flyway:defaultSchema}.${prefix}idempotency_record (
    idempotency_key varchar(128)  primary key,
    operation       varchar(64)   not null,
    fingerprint     varchar(64)   not null,
    result          varchar(2000) not null,
    recorded_at     timestamptz   not null
);

create table ${flyway:defaultSchema}.${prefix}charge (
    id              varchar(128)   primary key,
    idempotency_key varchar(128)   not null unique,
    customer_id     varchar(128)   not null,
    subscription_id varchar(128)   not null,
    amount          numeric(19, 4) not null check (amount >= 0),
    currency        char(3)        not null,
    tax_type        varchar(32)    not null,
    description     varchar(250)   not null,
    charged_at      timestamptz    not null
);
create index ${prefix}charge_customer on ${flyway:defaultSchema}.${prefix}charge (customer_id);
