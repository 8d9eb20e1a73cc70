-- plenigo schema, version 4: customers' payment methods.
-- ${flyway:defaultSchema} and ${prefix} are Flyway placeholders: the schema and the table prefix.

-- one row per payment method, its details in the columns of its type; an IBAN is kept only masked
-- (country, check digits, last four): no column holds a full IBAN or card number. A SEPA direct
-- debit fills the mandate columns, and so does iDEAL once its first payment yielded a mandate.
-- H2 has no partial index: default_of holds the customer of a default method and null otherwise,
-- and its unique constraint (nulls distinct) allows at most one default per customer.
create table ${flyway:defaultSchema}.${prefix}payment_method (
    id                varchar(128) primary key,
    customer_id       varchar(128) not null references ${flyway:defaultSchema}.${prefix}customer (id),
    type              varchar(32)  not null
        check (type in ('CREDIT_CARD', 'SEPA_DIRECT_DEBIT', 'PAYPAL', 'IDEAL')),
    is_default        boolean      not null,
    default_of        varchar(128) generated always as (case when is_default then customer_id end),
    added_at          timestamp with time zone not null,
    provider_token    varchar(255),
    card_brand        varchar(32),
    card_last_four    char(4),
    card_expiry_month smallint check (card_expiry_month between 1 and 12),
    card_expiry_year  smallint,
    iban_country      char(2),
    iban_check_digits char(2),
    iban_last_four    char(4),
    mandate_reference varchar(35),
    mandate_date      date,
    creditor_id       varchar(35),
    payer_email       varchar(254),
    issuer_bic        varchar(11),
    check ((type = 'CREDIT_CARD') = (card_last_four is not null)),
    check ((iban_country is null) = (mandate_reference is null)),
    check (type <> 'SEPA_DIRECT_DEBIT' or mandate_reference is not null),
    check ((type = 'PAYPAL') = (payer_email is not null)),
    unique (default_of)
);
-- a customer's methods in the order they were added
create index ${flyway:defaultSchema}.${prefix}payment_method_customer
    on ${flyway:defaultSchema}.${prefix}payment_method (customer_id, added_at, id);
