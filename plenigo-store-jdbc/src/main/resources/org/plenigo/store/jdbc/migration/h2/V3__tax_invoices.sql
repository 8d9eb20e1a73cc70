-- plenigo schema, version 3: tax rules and invoices. A customer's billing address, a product
-- contract's price basis, the tax rules by country and tax type, invoices with their lines and
-- figures per rate, and the counters of invoice number series.
-- ${flyway:defaultSchema} and ${prefix} are Flyway placeholders: the schema and the table prefix.

-- a billing address has all four columns or none
alter table ${flyway:defaultSchema}.${prefix}customer
    add column billing_street varchar(200);
alter table ${flyway:defaultSchema}.${prefix}customer
    add column billing_postal_code varchar(20);
alter table ${flyway:defaultSchema}.${prefix}customer
    add column billing_city varchar(100);
alter table ${flyway:defaultSchema}.${prefix}customer
    add column billing_country char(2);
alter table ${flyway:defaultSchema}.${prefix}customer
    add check ((billing_street is null and billing_postal_code is null and billing_city is null
                and billing_country is null)
            or (billing_street is not null and billing_postal_code is not null and billing_city is not null
                and billing_country is not null));

-- contracts written before this version priced gross, as every contract did then
alter table ${flyway:defaultSchema}.${prefix}product_contract
    add column price_basis varchar(8) not null default 'GROSS';

create table ${flyway:defaultSchema}.${prefix}tax_rule (
    id          varchar(128) primary key,
    country     char(2)      not null,
    tax_type    varchar(32)  not null,
    rate        numeric(5, 2) not null check (rate >= 0 and rate < 100),
    valid_from  date         not null,
    valid_until date,
    source      varchar(500) not null,
    check (valid_until is null or valid_until >= valid_from)
);
create index ${flyway:defaultSchema}.${prefix}tax_rule_lookup on ${flyway:defaultSchema}.${prefix}tax_rule (country, tax_type, valid_from);

-- one row per country and tax type whose rules a unit of work locked (TaxRuleRepository.lockRules):
-- inserted on first use, then locked with select ... for update, also while there is no rule yet
create table ${flyway:defaultSchema}.${prefix}tax_rule_lock (
    country  char(2)     not null,
    tax_type varchar(32) not null,
    primary key (country, tax_type)
);

-- issued invoices are never updated; a cancellation names the invoice it cancels, at most one per
-- invoice; the seller and the customer as they were when it was issued (an address has all four
-- columns or none); what it pays for in the column of its kind, as in charge
create table ${flyway:defaultSchema}.${prefix}invoice (
    id                   varchar(128)   primary key,
    number               varchar(64)    not null unique,
    series               varchar(128)   not null,
    kind                 varchar(16)    not null,
    purpose              varchar(32)    not null,
    customer_id          varchar(128)   not null,
    issued_at            timestamp with time zone not null,
    issue_date           date           not null,
    seller_name          varchar(200)   not null,
    seller_street        varchar(200),
    seller_postal_code   varchar(20),
    seller_city          varchar(100),
    seller_country       char(2),
    seller_vat_id        varchar(20),
    customer_name        varchar(200)   not null,
    customer_street      varchar(200),
    customer_postal_code varchar(20),
    customer_city        varchar(100),
    customer_country     char(2),
    customer_vat_id      varchar(20),
    currency             char(3)        not null,
    net_amount           numeric(19, 4) not null,
    tax_amount           numeric(19, 4) not null,
    gross_amount         numeric(19, 4) not null,
    treatment            varchar(32)    not null,
    subscription_id      varchar(128),
    purchase_id          varchar(128),
    charge_id            varchar(128),
    cancels              varchar(128)   unique references ${flyway:defaultSchema}.${prefix}invoice (id),
    check (net_amount + tax_amount = gross_amount),
    check ((kind = 'CANCELLATION') = (cancels is not null)),
    check ((subscription_id is null) <> (purchase_id is null)),
    check ((seller_street is null and seller_postal_code is null and seller_city is null and seller_country is null)
        or (seller_street is not null and seller_postal_code is not null and seller_city is not null
            and seller_country is not null)),
    check ((customer_street is null and customer_postal_code is null and customer_city is null
            and customer_country is null)
        or (customer_street is not null and customer_postal_code is not null and customer_city is not null
            and customer_country is not null))
);
-- a customer's invoices newest first, and the invoice of a charge
create index ${flyway:defaultSchema}.${prefix}invoice_customer
    on ${flyway:defaultSchema}.${prefix}invoice (customer_id, issued_at, number);
create index ${flyway:defaultSchema}.${prefix}invoice_charge on ${flyway:defaultSchema}.${prefix}invoice (charge_id, kind);

-- an invoice's lines in order; amounts in the invoice's currency
create table ${flyway:defaultSchema}.${prefix}invoice_line (
    invoice_id   varchar(128)   not null references ${flyway:defaultSchema}.${prefix}invoice (id),
    ordinal      integer        not null check (ordinal >= 0),
    description  varchar(250)   not null,
    tax_type     varchar(32)    not null,
    supply_from  date           not null,
    supply_until date           not null,
    rate         numeric(5, 2)  not null check (rate >= 0 and rate < 100),
    net_amount   numeric(19, 4) not null,
    tax_amount   numeric(19, 4) not null,
    gross_amount numeric(19, 4) not null,
    primary key (invoice_id, ordinal),
    check (supply_until >= supply_from),
    check (net_amount + tax_amount = gross_amount)
);

-- an invoice's figures at each rate: the sums of its lines at that rate
create table ${flyway:defaultSchema}.${prefix}invoice_tax_summary (
    invoice_id   varchar(128)   not null references ${flyway:defaultSchema}.${prefix}invoice (id),
    rate         numeric(5, 2)  not null check (rate >= 0 and rate < 100),
    net_amount   numeric(19, 4) not null,
    tax_amount   numeric(19, 4) not null,
    gross_amount numeric(19, 4) not null,
    primary key (invoice_id, rate),
    check (net_amount + tax_amount = gross_amount)
);

-- the counter of each invoice number series: the last number it gave, counted on in the
-- transaction of the invoice that takes the next one (not a sequence, which leaves gaps)
create table ${flyway:defaultSchema}.${prefix}invoice_counter (
    series  varchar(128) primary key,
    counter bigint       not null check (counter >= 0)
);
