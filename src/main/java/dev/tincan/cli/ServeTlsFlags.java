package dev.tincan.cli;

import dev.tincan.server.ServerTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code serve}'s TLS options: {@code --tls}, and the certificate to show, read from
 * {@code --cert}/{@code --key} or {@code --pkcs12}, or made on the spot. As for the client,
 * a PKCS#12 password is asked for on the terminal or read from the environment variable
 * {@code --password-env} names, never taken as a flag value.
 */
final class ServeTlsFlags {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--tls",
            description = "Speak TLS: every client must. Without --cert/--key or --pkcs12 a self-signed certificate "
                    + "is made for localhost, 127.0.0.1 and ::1.")
    boolean tls;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "The server's certificate chain (PEM, its own certificate first); with --key.")
    Path certificate;

    @Option(names = "--key", paramLabel = "FILE",
            description = "The private key of --cert (PEM, PKCS#8 unencrypted).")
    Path key;

    @Option(names = "--pkcs12", paramLabel = "FILE",
            description = "The server's certificate and key in FILE (PKCS#12), instead of --cert and --key. Its "
                    + "password is asked for on the terminal, or read from --password-env.")
    Path pkcs12;

    @Option(names = "--password-env", paramLabel = "NAME",
            description = "Read the --pkcs12 password from the environment variable NAME. It is never taken as a "
                    + "flag value.")
    String passwordEnv;

    @Option(names = "--save-cert", paramLabel = "FILE",
            description = "Write the server's certificate to FILE (PEM), for clients to trust with --ca; useful "
                    + "with the self-signed one. An existing FILE is replaced.")
    Path saveCertificate;

    /**
     * The server's TLS identity, or null for plain TCP.
     *
     * @throws ParameterException with one sentence when a flag does not fit or a file cannot be used
     */
    ServerTls serverTls() {
        return identity(spec, NAMES, tls, certificate, key, pkcs12, passwordEnv, saveCertificate);
    }

    /** Prints the certificate's fingerprint, and how a client trusts a self-signed one. */
    void describe(ServerTls identity, PrintWriter out) {
        describe(identity, saveCertificate, out);
    }

    /** What a command calls the flags of a TLS identity, for its sentences. */
    record Names(String tls, String certificate, String key, String pkcs12, String passwordEnv,
            String saveCertificate) {
    }

    /** {@code serve}'s and {@code listen}'s names. */
    static final Names NAMES = new Names("--tls", "--cert", "--key", "--pkcs12", "--password-env", "--save-cert");

    /**
     * A TLS identity from flags named {@code n}: the certificate and key files, a PKCS#12 file,
     * or a self-signed certificate made now; written to {@code save} when given. Null when
     * {@code on} is false (and no other of the flags was given).
     *
     * @throws ParameterException with one sentence when a flag does not fit or a file cannot be used
     */
    static ServerTls identity(CommandSpec spec, Names n, boolean on, Path certificate, Path key, Path pkcs12,
            String passwordEnv, Path save) {
        if (!on) {
            String given = certificate != null ? n.certificate() : key != null ? n.key() : pkcs12 != null ? n.pkcs12()
                    : passwordEnv != null ? n.passwordEnv() : save != null ? n.saveCertificate() : null;
            if (given != null) {
                throw usage(spec, given + " is a TLS option: add " + n.tls() + ".");
            }
            return null;
        }
        if ((certificate == null) != (key == null)) {
            throw usage(spec, certificate == null ? n.key() + " needs " + n.certificate()
                    + ": give the certificate and its key together." : n.certificate() + " needs " + n.key()
                    + ": give the certificate and its key together.");
        }
        if (pkcs12 != null && certificate != null) {
            throw usage(spec, n.pkcs12() + " and " + n.certificate() + " both give the certificate: give one of "
                    + "them.");
        }
        if (passwordEnv != null && pkcs12 == null) {
            throw usage(spec, n.passwordEnv() + " is the password of " + n.pkcs12() + ": add " + n.pkcs12()
                    + " FILE.");
        }
        ServerTls identity;
        try {
            if (certificate != null) {
                identity = ServerTls.fromPem(certificate, key);
            } else if (pkcs12 != null) {
                char[] password = Passwords.of(pkcs12, passwordEnv, spec);
                try {
                    identity = ServerTls.fromPkcs12(pkcs12, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
            } else {
                identity = ServerTls.selfSigned();
            }
        } catch (IllegalArgumentException e) {
            throw usage(spec, e.getMessage());
        }
        if (save != null) {
            try {
                Files.writeString(save, identity.certificatePem());
            } catch (IOException e) {
                throw new CommandFailedException("writing the certificate to " + save + " failed: "
                        + e.getMessage() + ".");
            }
        }
        return identity;
    }

    /** Prints {@code identity}'s fingerprint and pin, and how a client trusts a self-signed one. */
    static void describe(ServerTls identity, Path saved, PrintWriter out) {
        out.println("TLS certificate SHA-256 fingerprint: " + identity.fingerprint());
        out.println("TLS public key pin: " + identity.publicKeyPin());
        if (identity.isSelfSigned()) {
            out.println("the certificate is self-signed for localhost, 127.0.0.1 and ::1: clients trust it with "
                    + (saved != null ? "--ca " + saved : "--ca and the file --save-cert writes")
                    + ", and may pin it with --pin.");
        }
    }

    private static ParameterException usage(CommandSpec spec, String sentence) {
        return new ParameterException(spec.commandLine(), sentence);
    }
}
