-- plenigo schema, version 6: renewals and cancellation terms.
-- ${flyway:defaultSchema} and ${prefix} are Flyway placeholders: the schema and the table prefix.

-- contracts written before this version follow German consumer law after their term, as the default does
alter table ${flyway:defaultSchema}.${prefix}product_contract
    add column consumer_notice boolean not null default true;
