module org.plenigo.store.memory {
    requires org.plenigo.core;
    exports org.plenigo.store.memory;
}
