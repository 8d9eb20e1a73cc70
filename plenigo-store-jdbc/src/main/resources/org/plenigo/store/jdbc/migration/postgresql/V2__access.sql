-- plenigo schema, version 2: access checks and paywall models. Blocked customers, metered access
-- rights, single purchases with an access duration, charges for purchases, credit products, the
-- access right items customers hold, meters of free views, sponsor grants and their readers.
-- ${flyway:defaultSchema} and ${prefix} are Flyway placeholders: the schema and the table prefix.

alter table ${flyway:defaultSchema}.${prefix}customer
    add column blocked boolean not null default false;

alter table ${flyway:defaultSchema}.${prefix}offer
    add column access_duration_count integer;
alter table ${flyway:defaultSchema}.${prefix}offer
    add column access_duration_unit varchar(8);
alter table ${flyway:defaultSchema}.${prefix}offer
    add check ((access_duration_count is null) = (access_duration_unit is null));
create index ${prefix}offer_access_right_granting
    on ${flyway:defaultSchema}.${prefix}offer_access_right (access_right_id, offer_id);

-- a METERED access right has all four meter columns, a HARD one none
alter table ${flyway:defaultSchema}.${prefix}access_right
    add column meter_anonymous_views integer check (meter_anonymous_views between 0 and 10000);
alter table ${flyway:defaultSchema}.${prefix}access_right
    add column meter_registered_views integer check (meter_registered_views between 0 and 10000);
alter table ${flyway:defaultSchema}.${prefix}access_right
    add column meter_period varchar(8);
alter table ${flyway:defaultSchema}.${prefix}access_right
    add column meter_alignment varchar(16);
alter table ${flyway:defaultSchema}.${prefix}access_right
    add check ((meter_period is null and meter_alignment is null and meter_anonymous_views is null
                and meter_registered_views is null)
            or (meter_period is not null and meter_alignment is not null and meter_anonymous_views is not null
                and meter_registered_views is not null));

-- a charge is for a subscription or for a single purchase, never both
alter table ${flyway:defaultSchema}.${prefix}charge
    alter column subscription_id drop not null;
alter table ${flyway:defaultSchema}.${prefix}charge
    add column purchase_id varchar(128);
alter table ${flyway:defaultSchema}.${prefix}charge
    add check ((subscription_id is null) <> (purchase_id is null));

create table ${flyway:defaultSchema}.${prefix}credit_product (
    id        varchar(128) primary key,
    title     varchar(200) not null,
    kind      varchar(16)  not null,
    wallet_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}wallet (id),
    credits   bigint       not null check (credits > 0),
    picks     integer      not null check (picks > 0)
);

create table ${flyway:defaultSchema}.${prefix}credit_product_content (
    credit_product_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}credit_product (id),
    ordinal           integer      not null check (ordinal >= 0),
    content_id        varchar(128) not null,
    primary key (credit_product_id, ordinal),
    unique (credit_product_id, content_id)
);

create table ${flyway:defaultSchema}.${prefix}access_right_item (
    id              varchar(128) primary key,
    customer_id     varchar(128) not null references ${flyway:defaultSchema}.${prefix}customer (id),
    access_right_id varchar(128),
    content_id      varchar(128),
    source          varchar(32)  not null,
    starts_at       timestamptz  not null,
    ends_at         timestamptz,
    blocked         boolean      not null,
    reference       varchar(200),
    check ((access_right_id is null) <> (content_id is null)),
    check (ends_at is null or ends_at >= starts_at)
);
-- the access check and the list of a customer's items: one range scan over the customer, in order
create index ${prefix}access_right_item_customer
    on ${flyway:defaultSchema}.${prefix}access_right_item (customer_id, starts_at, id);
create index ${prefix}access_right_item_lifetime
    on ${flyway:defaultSchema}.${prefix}access_right_item (ends_at, starts_at, customer_id);

-- reader: 'c:' and a customer id or 'v:' and a visitor id
create table ${flyway:defaultSchema}.${prefix}meter (
    reader          varchar(130) not null,
    access_right_id varchar(128) not null,
    period_start    timestamptz  not null,
    period_end      timestamptz  not null,
    views           integer      not null check (views >= 0),
    primary key (reader, access_right_id),
    check (period_end > period_start)
);

create table ${flyway:defaultSchema}.${prefix}meter_view (
    reader          varchar(130) not null,
    access_right_id varchar(128) not null,
    period_start    timestamptz  not null,
    content_id      varchar(128) not null,
    primary key (reader, access_right_id, period_start, content_id),
    foreign key (reader, access_right_id)
        references ${flyway:defaultSchema}.${prefix}meter (reader, access_right_id)
);

create table ${flyway:defaultSchema}.${prefix}sponsor_grant (
    id            varchar(128) primary key,
    sponsor       varchar(200) not null,
    valid_from    timestamptz  not null,
    valid_until   timestamptz,
    reader_budget bigint       check (reader_budget > 0),
    readers       bigint       not null default 0 check (readers >= 0),
    check (valid_until is null or valid_until > valid_from),
    check (reader_budget is null or readers <= reader_budget)
);

create table ${flyway:defaultSchema}.${prefix}sponsor_grant_right (
    grant_id        varchar(128) not null references ${flyway:defaultSchema}.${prefix}sponsor_grant (id),
    access_right_id varchar(128) not null,
    primary key (grant_id, access_right_id)
);
create index ${prefix}sponsor_grant_right_lookup
    on ${flyway:defaultSchema}.${prefix}sponsor_grant_right (access_right_id, grant_id);

create table ${flyway:defaultSchema}.${prefix}sponsor_grant_content (
    grant_id   varchar(128) not null references ${flyway:defaultSchema}.${prefix}sponsor_grant (id),
    content_id varchar(128) not null,
    primary key (grant_id, content_id)
);
create index ${prefix}sponsor_grant_content_lookup
    on ${flyway:defaultSchema}.${prefix}sponsor_grant_content (content_id, grant_id);

create table ${flyway:defaultSchema}.${prefix}sponsor_grant_domain (
    grant_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}sponsor_grant (id),
    domain   varchar(253) not null,
    primary key (grant_id, domain)
);

-- an IP range as its CIDR text (IpRange.toString, read back with IpRange.parse), in the grant's order
create table ${flyway:defaultSchema}.${prefix}sponsor_grant_ip_range (
    grant_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}sponsor_grant (id),
    ordinal  integer      not null check (ordinal >= 0),
    cidr     varchar(64)  not null,
    primary key (grant_id, ordinal)
);

create table ${flyway:defaultSchema}.${prefix}sponsor_grant_code (
    grant_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}sponsor_grant (id),
    code     varchar(64)  not null,
    primary key (grant_id, code)
);

-- the distinct readers admitted under a grant's reader budget; sponsor_grant.readers counts them
create table ${flyway:defaultSchema}.${prefix}sponsor_reader (
    grant_id varchar(128) not null references ${flyway:defaultSchema}.${prefix}sponsor_grant (id),
    reader   varchar(130) not null,
    primary key (grant_id, reader)
);
