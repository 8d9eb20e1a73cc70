-- plenigo schema, version 6: renewals and cancellation terms.
-- ${flyway:defaultSchema} and ${prefix} are Flyway placeholders: the schema and the table prefix.

-- contracts written before this version follow German consumer law after their term, as the default does
alter table ${flyway:defaultSchema}.${prefix}product_contract
    add column consumer_notice boolean not null default true;

-- a subscription's payment method for its next charge, the end of its paid billing periods, the
-- start of an unpaid one, when a requested cancellation takes effect, and the version that makes
-- each change conditional on the one it was made from
alter table ${flyway:defaultSchema}.${prefix}subscription
    add column payment_method_id varchar(128) references ${flyway:defaultSchema}.${prefix}payment_method (id);
alter table ${flyway:defaultSchema}.${prefix}subscription
    add column paid_until timestamptz;
alter table ${flyway:defaultSchema}.${prefix}subscription
    add column unpaid_since timestamptz;
alter table ${flyway:defaultSchema}.${prefix}subscription
    add column ends_at timestamptz;
alter table ${flyway:defaultSchema}.${prefix}subscription
    add column version bigint not null default 0 check (version >= 0);
