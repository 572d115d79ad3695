package io.microplatform.starter.seata;

import javax.sql.rowset.RowSetProvider;

/**
 * Seata's AT proxy copies the generated keys of every INSERT it records into a {@code CachedRowSet} from
 * {@link RowSetProvider#newFactory()}. Unless the system property {@value #PROPERTY} names the JDK's own factory,
 * that method looks for other factories with a {@code ServiceLoader} scan of the whole class path, once per
 * insert; in a Boot jar of some 150 libraries the scan took about 12 % of order-service's and of
 * inventory-service's CPU in the AT benchmark (JFR). Naming the JDK's factory, which the scan ends with anyway
 * when no library ships another, skips the scan and changes nothing else. A value set already (on the command
 * line) is kept.
 */
final class JdkRowSetFactory {

    static final String PROPERTY = "javax.sql.rowset.RowSetFactory";
    static final String JDK_FACTORY = "com.sun.rowset.RowSetFactoryImpl";

    private JdkRowSetFactory() {
    }

    static void useUnlessSet() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, JDK_FACTORY);
        }
    }
}
