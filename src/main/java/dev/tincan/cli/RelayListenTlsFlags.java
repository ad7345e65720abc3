package dev.tincan.cli;

import dev.tincan.server.ServerTls;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code relay}'s TLS options for the side its clients connect to: {@code --tls-listen}, and
 * the certificate the relay shows them, as {@code listen --tls} takes it ({@link ServeTlsFlags})
 * under names of their own, since {@code --tls}, {@code --cert} and {@code --key} on
 * {@code relay} are the server side's, as on {@code connect} ({@link TlsFlags}).
 */
final class RelayListenTlsFlags {
    private static final ServeTlsFlags.Names NAMES = new ServeTlsFlags.Names("--tls-listen", "--listen-cert",
            "--listen-key", "--listen-pkcs12", "--listen-password-env", "--save-cert");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--tls-listen",
            description = "Clients speak TLS to the relay, which shows them the certificate from --listen-cert and "
                    + "--listen-key or --listen-pkcs12, or else one it makes now, self-signed for localhost, "
                    + "127.0.0.1 and ::1; its fingerprint is printed.")
    boolean tls;

    @Option(names = "--listen-cert", paramLabel = "FILE",
            description = "The certificate chain the relay shows its clients (PEM, its own first); with --listen-key.")
    Path certificate;

    @Option(names = "--listen-key", paramLabel = "FILE",
            description = "The private key of --listen-cert (PEM, PKCS#8 unencrypted).")
    Path key;

    @Option(names = "--listen-pkcs12", paramLabel = "FILE",
            description = "The certificate and key the relay shows its clients, in FILE (PKCS#12). Its password is "
                    + "asked for on the terminal, or read from --listen-password-env.")
    Path pkcs12;

    @Option(names = "--listen-password-env", paramLabel = "NAME",
            description = "Read the --listen-pkcs12 password from the environment variable NAME.")
    String passwordEnv;

    @Option(names = "--save-cert", paramLabel = "FILE",
            description = "Write the certificate the relay shows its clients to FILE (PEM), for them to trust with "
                    + "--ca. An existing FILE is replaced.")
    Path saveCertificate;

    /**
     * The certificate shown to clients, or null when they speak plain TCP.
     *
     * @throws picocli.CommandLine.ParameterException with one sentence when a flag does not fit
     *     or a file cannot be used
     */
    ServerTls identity() {
        return ServeTlsFlags.identity(spec, NAMES, tls, certificate, key, pkcs12, passwordEnv, saveCertificate);
    }

    /** Prints the certificate's fingerprint and pin, and how a client trusts a self-signed one. */
    void describe(ServerTls identity, PrintWriter out) {
        ServeTlsFlags.describe(identity, saveCertificate, out);
    }
}
