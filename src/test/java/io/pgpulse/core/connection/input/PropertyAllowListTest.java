package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.FORBIDDEN_PROPERTY;
import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.INVALID_VALUE;
import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.UNKNOWN_PROPERTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PropertyAllowListTest {

    @TempDir
    Path home;

    private InputFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new InputFixture(home);
    }

    static Stream<Arguments> classLoadingProperties() {
        return Stream.of("socketFactory", "SOCKETFACTORY", "socketfactory", "sslfactory", "sslFactory",
                "sslhostnameverifier", "sslHostnameVerifier", "sslpasswordcallback", "authenticationPluginClassName",
                "AUTHENTICATIONPLUGINCLASSNAME", "connectExecutor", "xmlFactoryFactory")
                .flatMap(key -> inBothForms(key, "com.example.Evil"));
    }

    static Stream<Arguments> otherRefusedProperties() {
        return Stream.of("socketFactoryArg", "sslfactoryarg", "connectExecutorArg", "classLoaderStrategy",
                "loggerFile", "LoggerFile", "loggerLevel", "sslkeylogfile", "connectTimeout", "loginTimeout",
                "socketTimeout", "cancelSignalTimeout", "readOnly", "readOnlyMode", "replication", "options",
                "OPTIONS")
                .flatMap(key -> inBothForms(key, "x"));
    }

    private static Stream<Arguments> inBothForms(String key, String value) {
        return Stream.of(
                Arguments.of(key, "postgresql://db/shop?" + key + "=" + value),
                Arguments.of(key, "jdbc:postgresql://db/shop?sslmode=require&" + key + "=" + value),
                Arguments.of(key, "host=db " + key + "=" + value));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("classLoadingProperties")
    void refusesPropertiesThatLoadClasses(String key, String input) {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class, () -> fixture.parse(input));

        assertThat(e.reason()).isEqualTo(FORBIDDEN_PROPERTY);
        assertThat(e.getMessage()).startsWith("The property '" + key + "' ")
                .contains("is not allowed: it makes the driver load a Java class");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("otherRefusedProperties")
    void refusesPropertiesThatWriteFilesOrTouchWhatTheMonitorOwns(String key, String input) {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class, () -> fixture.parse(input));

        assertThat(e.reason()).isEqualTo(FORBIDDEN_PROPERTY);
        assertThat(e.getMessage()).startsWith("The property '" + key + "' ").contains("is not allowed: ");
    }

    @Test
    void refusesOptionsExplainingTheReadOnlyRisk() {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("host=db options='-c default_transaction_read_only=off'"));

        assertThat(e.reason()).isEqualTo(FORBIDDEN_PROPERTY);
        assertThat(e.getMessage()).contains("'options'").contains("default_transaction_read_only")
                .contains("read-only");
    }

    @Test
    void refusesPgjdbcTimeoutsPointingToConnectTimeout() {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("jdbc:postgresql://db/shop?socketTimeout=0"));

        assertThat(e.getMessage()).contains("connect_timeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "preferQueryMode", "sslcrl", "currentSchema", "requiressl"})
    void rejectsUnknownPropertiesNamingThem(String key) {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("postgresql://db/shop?" + key + "=1"));

        assertThat(e.reason()).isEqualTo(UNKNOWN_PROPERTY);
        assertThat(e.getMessage()).startsWith("Unknown connection property '" + key + "' in the URI.")
                .contains("sslmode");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "gssencmode=require                | gssEncMode         | require",
        "gssEncMode=disable                | gssEncMode         | disable",
        "target_session_attrs=read-write   | targetServerType   | primary",
        "target_session_attrs=prefer-standby | targetServerType | preferSecondary",
        "targetServerType=preferPrimary    | targetServerType   | preferPrimary",
        "targetServerType=slave            | targetServerType   | secondary",
        "channel_binding=require           | channelBinding     | require",
        "sslnegotiation=direct             | sslNegotiation     | direct",
        "load_balance_hosts=random         | loadBalanceHosts   | true",
        "loadBalanceHosts=false            | loadBalanceHosts   | false",
        "require_auth=scram-sha-256,md5    | requireAuth        | scram-sha-256,md5",
        "require_auth=!password            | requireAuth        | !password",
        "krbsrvname=postgres               | kerberosServerName | postgres",
        "gsslib=gssapi                     | gsslib             | gssapi"})
    void passesAllowedPropertiesUnderTheirPgjdbcNames(String setting, String property, String value)
            throws ConnectionInputException {
        ConnectionTarget target = fixture.target("host=db " + setting);

        assertThat(target.jdbcProperties()).containsExactly(Map.entry(property, value));
        assertThat(target.toDriverProperties()).containsEntry(property, value);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "gssencmode=always          | Invalid gssencmode 'always' in the connection string: expected disable, allow",
        "target_session_attrs=rw    | Invalid target_session_attrs 'rw' in the connection string: expected any",
        "channel_binding=yes        | Invalid channel_binding 'yes'",
        "load_balance_hosts=on      | Invalid load_balance_hosts 'on'",
        "require_auth=kerberos      | Invalid require_auth method 'kerberos'",
        "require_auth=md5,!password | mixes required and refused",
        "ssl=yes                    | 'ssl' in the connection string must be true or false"})
    void rejectsInvalidValuesOfAllowedProperties(String setting, String message) {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("host=db " + setting));

        assertThat(e.reason()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void clientCertificateFilesMustExist() throws Exception {
        Path cert = fixture.file("client.crt", "cert");
        Path key = fixture.file("client.key", "key");

        ConnectionTarget target = fixture.target("host=db sslcert=" + cert + " sslkey=" + key);

        assertThat(target.jdbcProperties()).containsOnly(
                Map.entry("sslcert", cert.toString()), Map.entry("sslkey", key.toString()));

        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("host=db sslkey=" + home.resolve("missing.key")));
        assertThat(e.reason()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage()).contains(home.resolve("missing.key").toString());
    }

    @Test
    void sslPasswordIsASecretKeptOutOfTheVisibleProperties() throws ConnectionInputException {
        ConnectionTarget target = fixture.target("postgresql://db/shop?sslpassword=key-passphrase");

        assertThat(target.sslPassword()).isEqualTo(Secret.of("key-passphrase"));
        assertThat(target.jdbcProperties()).isEmpty();
        assertThat(target.toString()).doesNotContain("key-passphrase");
        assertThat(target.toDriverProperties()).containsEntry("sslpassword", "key-passphrase");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application_name", "ApplicationName", "fallback_application_name", "keepalives",
        "keepalives_idle", "tcp_user_timeout", "client_encoding"})
    void ignoresPropertiesThatPgPulseOverridesWithAWarning(String key) throws ConnectionInputException {
        ParseResult result = fixture.parse("host=db " + key + "=1");

        assertThat(result.target().jdbcProperties()).isEmpty();
        assertThat(result.warnings()).singleElement().asString().startsWith("Ignoring " + key + " ");
    }

    @Test
    void targetRefusesPropertiesOutsideTheAllowList() {
        for (String key : List.of("socketFactory", "ApplicationName", "password", "options")) {
            assertThatIllegalArgumentException().isThrownBy(() -> new ConnectionTarget(
                    List.of(new HostPort("db", 5432)), "shop", "alice", null, PasswordSource.NONE, SslMode.PREFER,
                    null, null, Map.of(key, "x"), null, null)).withMessageContaining(key);
        }
    }
}
