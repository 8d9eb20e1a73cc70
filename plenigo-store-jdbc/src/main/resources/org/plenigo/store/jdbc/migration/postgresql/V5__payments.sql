-- plenigo schema, version 5: payments behind a payment provider.
-- ${flyway:defaultSchema} and ${prefix} are Flyway placeholders: the schema and the table prefix.

-- one row per attempt to charge a customer, paid or not: the charge (as the charge table kept it),
-- the payment method charged, where it stands, the provider's reference and what was refunded.
-- What it pays for is in the column of its kind, as in charge and invoice.
create table ${flyway:defaultSchema}.${prefix}payment (
    id                 varchar(128)   primary key,
    idempotency_key    varchar(128)   not null unique,
    customer_id        varchar(128)   not null,
    subscription_id    varchar(128),
    purchase_id        varchar(128),
    amount             numeric(19, 4) not null check (amount >= 0),
    currency           char(3)        not null,
    tax_type           varchar(32)    not null,
    description        varchar(250)   not null,
    charged_at         timestamptz    not null,
    payment_method_id  varchar(128),
    status             varchar(16)    not null
        check (status in ('SUCCEEDED', 'PENDING', 'DECLINED', 'FAILED', 'SETTLED', 'RETURNED', 'REFUNDED')),
    reason             varchar(500),
    provider_reference varchar(255)   unique,
    refunded           numeric(19, 4) not null check (refunded >= 0 and refunded <= amount),
    updated_at         timestamptz    not null,
    check ((subscription_id is null) <> (purchase_id is null))
);
-- a customer's payments oldest first
create index ${prefix}payment_customer on ${flyway:defaultSchema}.${prefix}payment (customer_id, charged_at, id);

-- the charges recorded so far were all taken: they become succeeded payments without a method
insert into ${flyway:defaultSchema}.${prefix}payment (id, idempotency_key, customer_id, subscription_id, purchase_id,
        amount, currency, tax_type, description, charged_at, payment_method_id, status, reason, provider_reference,
        refunded, updated_at)
    select id, idempotency_key, customer_id, subscription_id, purchase_id, amount, currency, tax_type, description,
           charged_at, null, 'SUCCEEDED', null, null, 0, charged_at
    from ${flyway:defaultSchema}.${prefix}charge;

drop table ${flyway:defaultSchema}.${prefix}charge;
