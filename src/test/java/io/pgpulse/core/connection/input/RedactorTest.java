package io.pgpulse.core.connection.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "postgresql://bob:hunter22@db/shop                 | postgresql://bob:********@db/shop",
        "postgres://bob:p@ss@db:5432/shop                  | postgres://bob:********@db:5432/shop",
        "postgresql://bob:p%40ss@[::1]:5432,b:1/shop       | postgresql://bob:********@[::1]:5432,b:1/shop",
        "postgresql://bob:pa/ss?x@db/shop?sslmode=require  | postgresql://bob:********@db/shop?sslmode=require",
        "postgresql://bob:pw@db/shop?user=alice@tenant     | postgresql://bob:********@db/shop?user=alice@tenant",
        "jdbc:postgresql://db/shop?user=bob&password=hunter22&sslmode=require | jdbc:postgresql://db/shop?user=bob&password=********&sslmode=require",
        "postgresql://db/shop?PASSWORD=hunter22            | postgresql://db/shop?PASSWORD=********",
        "postgresql://db/shop?sslpassword=keypass          | postgresql://db/shop?sslpassword=********",
        "host=db password=hunter22 user=bob                | host=db password=******** user=bob",
        "host=db password = hunter22 user=bob              | host=db password = ******** user=bob",
        "host=db password='hunter 22' user=bob             | host=db password=******** user=bob",
        "host=db password='it\\'s secret' user=bob         | host=db password=******** user=bob",
        "host=db password=esc\\ aped user=bob              | host=db password=******** user=bob",
        "host=db password='never closed user=bob           | host=db password=********",
        "host=db sslpassword=keypass                       | host=db sslpassword=********",
        "PGPASSWORD=hunter22 psql -h db                    | PGPASSWORD=******** psql -h db",
        "Cannot reach postgresql://bob:hunter22@db/shop: refused | Cannot reach postgresql://bob:********@db/shop: refused",
        "{password=hunter22, user=bob}                     | {password=******** user=bob}"})
    void masksPasswords(String text, String redacted) {
        assertThat(Redactor.redact(text)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "postgresql://bob@db:5432/shop?sslmode=require",
        "postgresql://db/shop?user=alice@tenant",
        "host=db user=bob dbname=shop",
        "The password in the URI is not valid percent-encoding",
        "Port 'notaport' in the URI is not a number between 1 and 65535."})
    void leavesTextWithoutPasswordsAlone(String text) {
        assertThat(Redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void passesNullAndEmptyThrough() {
        assertThat(Redactor.redact(null)).isNull();
        assertThat(Redactor.redact("")).isEmpty();
    }

    @Test
    void masksDriverPropertiesRenderedWithToString() {
        Properties properties = new Properties();
        properties.setProperty("user", "bob");
        properties.setProperty("password", "hunter22");

        assertThat(Redactor.redact(properties.toString())).doesNotContain("hunter22").contains("user=bob");
    }
}
