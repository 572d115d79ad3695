package io.microplatform.starter.seata;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.rowset.RowSetProvider;

import static org.assertj.core.api.Assertions.assertThat;

class JdkRowSetFactoryTest {

    private final String before = System.getProperty(JdkRowSetFactory.PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(JdkRowSetFactory.PROPERTY);
        }
        else {
            System.setProperty(JdkRowSetFactory.PROPERTY, before);
        }
    }

    @Test
    void theJdksFactoryIsNamedSoThatNoClassPathScanRuns() throws Exception {
        System.clearProperty(JdkRowSetFactory.PROPERTY);

        JdkRowSetFactory.useUnlessSet();

        assertThat(System.getProperty(JdkRowSetFactory.PROPERTY)).isEqualTo(JdkRowSetFactory.JDK_FACTORY);
        assertThat(RowSetProvider.newFactory().getClass().getName()).isEqualTo(JdkRowSetFactory.JDK_FACTORY);
    }

    @Test
    void aFactoryChosenOnTheCommandLineIsKept() {
        System.setProperty(JdkRowSetFactory.PROPERTY, "com.example.OtherRowSetFactory");

        JdkRowSetFactory.useUnlessSet();

        assertThat(System.getProperty(JdkRowSetFactory.PROPERTY)).isEqualTo("com.example.OtherRowSetFactory");
    }
}
