package dev.tincan.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.testing.TestCertificates;
import dev.tincan.testing.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files as OpenSSL writes them: certificates, PKCS#8 keys, and the forms refused with a way out. */
class PemTest {
    @TempDir
    Path dir;

    @Test
    void aChainAndItsKeyReadBackAsWritten() throws Exception {
        Issued ca = TestCertificates.authority("CA");
        Issued leaf = TestCertificates.issue(ca, "leaf", "localhost");

        assertThat(Pem.readCertificates(leaf.writeCertificate(dir.resolve("c.pem"))))
                .containsExactly(leaf.certificate(), ca.certificate());
        assertThat(Pem.readPrivateKey(leaf.writeKey(dir.resolve("k.pem")))).isEqualTo(leaf.keys().getPrivate());
        assertThat(Pem.isPair(leaf.keys().getPrivate(), leaf.certificate())).isTrue();
        assertThat(Pem.isPair(ca.keys().getPrivate(), leaf.certificate())).isFalse();
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path key = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> Pem.readPrivateKey(key)).hasMessage(key + " holds a PKCS#1 RSA key; Tincan reads "
                + "PKCS#8 keys: convert it with 'openssl pkcs8 -topk8 -nocrypt -in " + key + " -out key.pem'.");
    }

    @Test
    void aFileWithoutACertificateOrMissingIsOneSentence() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

        assertThatThrownBy(() -> Pem.readCertificates(empty)).hasMessage(empty + " holds no certificate (expected a "
                + "PEM file with -----BEGIN CERTIFICATE-----).");
        assertThatThrownBy(() -> Pem.readCertificates(dir.resolve("gone.pem")))
                .hasMessage(dir.resolve("gone.pem") + " does not exist.");
    }
}
