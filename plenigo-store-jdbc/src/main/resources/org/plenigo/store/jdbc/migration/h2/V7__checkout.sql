-- plenigo schema, version 7: checkout, consents and credit packs.
-- ${flyway:defaultSchema} and ${prefix} are Flyway placeholders: the schema and the table prefix.

-- whether a customer may hold several active subscriptions to the offer at once
alter table ${flyway:defaultSchema}.${prefix}offer add column allows_several boolean not null default false;
