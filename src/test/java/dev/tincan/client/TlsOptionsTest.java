package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.testing.TestCertificates;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS options and pins are checked as they are made, each refusal one sentence naming the value. */
class TlsOptionsTest {
    @Test
    void defaultsTrustTheSystemAndNothingElse() {
        TlsOptions d = TlsOptions.defaults();
        assertThat(d.trusted()).isEmpty();
        assertThat(d.pins()).isEmpty();
        assertThat(d.insecure()).isFalse();
        assertThat(ConnectOptions.defaults().tls()).isNull();
        assertThat(ConnectOptions.defaults().toBuilder().tls(d).build().toBuilder().build().tls()).isEqualTo(d);
    }

    @Test
    void badValuesAreRefusedWithASentence() {
        assertThatThrownBy(() -> TlsOptions.builder().serverName("127.0.0.1").build()).hasMessage("server name "
                + "\"127.0.0.1\" is not a host name (SNI carries names such as example.org, never addresses).");
        assertThatThrownBy(() -> TlsOptions.builder().alpn(List.of("")).build()).hasMessage("ALPN protocol \"\" is "
                + "not 1 to 255 ASCII characters (use names such as h2, http/1.1).");
        assertThatThrownBy(() -> TlsOptions.builder().insecure(true)
                .trust(TestCertificates.authority("CA").chain()).build()).hasMessage("a trusted certificate and "
                + "insecure together make no sense: insecure checks no certificate; leave one out.");
    }

    @Test
    void pinsAreReadAsCurlAndOpenSslWriteThem() {
        CertificatePin key = CertificatePin.parse("sha256//" + "A".repeat(43) + "=");
        CertificatePin cert = CertificatePin.parse("AB:".repeat(31) + "AB");

        assertThat(key.publicKey()).isTrue();
        assertThat(cert.publicKey()).isFalse();
        assertThat(cert).isEqualTo(CertificatePin.parse("ab".repeat(32)));
        assertThat(cert.toString()).isEqualTo("AB:".repeat(31) + "AB");
        assertThatThrownBy(() -> CertificatePin.parse("abcd")).hasMessage("pin abcd is 2 bytes, not 32 (expected "
                + "sha256/ and 44 base64 characters for the public key, or 64 hex digits for the certificate, as "
                + "'openssl x509 -noout -fingerprint -sha256' prints).");
    }

    @Test
    void noKeyOrWholeCertificateIsShownInText() {
        TestCertificates.Issued mine = TestCertificates.selfSigned("device-7", "localhost");
        TlsOptions options = TlsOptions.builder().trust(mine.chain())
                .clientCertificate(new ClientCertificate(mine.keys().getPrivate(), mine.chain())).build();

        assertThat(options.toString()).isEqualTo("TlsOptions[trusted=[CN=device-7], pins=[], serverName=null, "
                + "clientCertificate=ClientCertificate[CN=device-7], alpn=[], insecure=false]");
    }
}
