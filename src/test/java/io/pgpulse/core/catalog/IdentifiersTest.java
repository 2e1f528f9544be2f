package io.pgpulse.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.pgpulse.testing.EmbeddedPostgresExtension;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class IdentifiersTest {

    @Test
    void quotesExactlyLikeTheServersQuoteIdent(TestServer pg) throws Exception {
        List<String> names = new ArrayList<>(List.of("orders", "Orders", "a\"b", "order", "user_id", "naïve",
                "; DROP TABLE x", "col$1", "_x", "1abc", "", "select", "between", "left", "int", "überTabelle"));
        try (Connection c = pg.superuser(); Statement s = c.createStatement();
             ResultSet kw = s.executeQuery("SELECT word FROM pg_get_keywords()")) {
            while (kw.next()) {
                names.add(kw.getString(1));
            }
        }
        try (Connection c = pg.superuser(); PreparedStatement ps = c.prepareStatement("SELECT quote_ident(?)")) {
            for (String name : names) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(Identifiers.quoteIdent(name)).as(name).isEqualTo(rs.getString(1));
                }
            }
        }
    }
}
