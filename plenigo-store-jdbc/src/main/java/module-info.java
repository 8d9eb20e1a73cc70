module org.plenigo.store.jdbc {
    requires org.plenigo.core;
    requires java.sql;
    requires flyway.core;
    exports org.plenigo.store.jdbc;
    opens org.plenigo.store.jdbc.migration.postgresql;
    opens org.plenigo.store.jdbc.migration.h2;
}
