package dev.tincan.cli;

import dev.tincan.client.CertificatePin;
import dev.tincan.client.ClientCertificate;
import dev.tincan.client.TlsOptions;
import dev.tincan.codec.Pem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The TLS options {@code send} and {@code connect} share: {@code --tls} and what it checks
 * and shows. A PKCS#12 password is never a flag value (it would sit in the shell's history
 * and in every process listing): it is asked for on the terminal, or read from the
 * environment variable {@code --password-env} names. Read once per run, by
 * {@link #tlsOptions()}, which also prints the {@code --insecure} warning.
 */
final class TlsFlags {
    /** The warning every run with {@code --insecure} prints on standard error. */
    static final String INSECURE_WARNING = "warning: --insecure: the server's certificate is not checked; anyone in "
            + "the path can read and change this connection.";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--tls",
            description = "Speak TLS over the connection. The server's certificate must lead to an authority this "
                    + "system trusts (or one given with --ca), be within its dates, and name HOST (or --sni NAME).")
    boolean tls;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "Also trust the certificates in FILE (PEM) as authorities: a private CA, or a server's "
                    + "self-signed certificate. May be given more than once.")
    List<Path> authorities = new ArrayList<>();

    @Option(names = "--pin", paramLabel = "SHA256",
            description = "Require the server's certificate to match this SHA-256 fingerprint, of its public key "
                    + "(sha256/BASE64, as curl's --pinnedpubkey) or of the whole certificate (64 hex digits, colons "
                    + "allowed, as openssl x509 -fingerprint -sha256 and tincan serve --tls print it). Checked in "
                    + "addition to the authorities, not instead. May be given more than once: any one may match.")
    List<String> pins = new ArrayList<>();

    @Option(names = "--sni", paramLabel = "NAME",
            description = "Ask the server for NAME (TLS server name indication) and accept a certificate for NAME, "
                    + "when HOST is an address or another name.")
    String serverName;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "Show the server this client certificate (PEM, the client's own first), for servers that "
                    + "require one; with --key.")
    Path certificate;

    @Option(names = "--key", paramLabel = "FILE",
            description = "The private key of --cert (PEM, PKCS#8 unencrypted).")
    Path key;

    @Option(names = "--pkcs12", paramLabel = "FILE",
            description = "Show the server the client certificate and key in FILE (PKCS#12), instead of --cert and "
                    + "--key. Its password is asked for on the terminal, or read from --password-env.")
    Path pkcs12;

    @Option(names = "--password-env", paramLabel = "NAME",
            description = "Read the --pkcs12 password from the environment variable NAME, for scripts. It is never "
                    + "taken as a flag value.")
    String passwordEnv;

    @Option(names = "--alpn", paramLabel = "LIST", split = ",",
            description = "Offer these application protocols, most wanted first, e.g. h2,http/1.1; the one the "
                    + "server chose is shown.")
    List<String> alpn = new ArrayList<>();

    @Option(names = "--insecure",
            description = "Accept any certificate for any name. Anyone in the path can then read and change the "
                    + "connection; a warning says so on every run. Pins are still checked.")
    boolean insecure;

    /**
     * The TLS options, or null for plain TCP. Reads the files named, asks for a password if
     * one is needed, and prints the {@code --insecure} warning.
     *
     * @throws ParameterException with one sentence when a flag does not fit or a file cannot be used
     */
    TlsOptions tlsOptions() {
        if (!tls) {
            String given = firstTlsOnlyFlag();
            if (given != null) {
                throw usage(given + " is a TLS option: add --tls.");
            }
            return null;
        }
        if ((certificate == null) != (key == null)) {
            throw usage(certificate == null ? "--key needs --cert: give the client certificate and its key together."
                    : "--cert needs --key: give the client certificate and its key together.");
        }
        if (pkcs12 != null && certificate != null) {
            throw usage("--pkcs12 and --cert both give a client certificate: give one of them.");
        }
        if (passwordEnv != null && pkcs12 == null) {
            throw usage("--password-env is the password of --pkcs12: add --pkcs12 FILE.");
        }
        try {
            TlsOptions.Builder b = TlsOptions.builder().serverName(serverName).alpn(alpn).insecure(insecure);
            for (Path file : authorities) {
                b.trust(Pem.readCertificates(file));
            }
            for (String pin : pins) {
                b.pin(CertificatePin.parse(pin));
            }
            if (certificate != null) {
                b.clientCertificate(ClientCertificate.fromPem(certificate, key));
            } else if (pkcs12 != null) {
                char[] password = Passwords.of(pkcs12, passwordEnv, spec);
                try {
                    b.clientCertificate(ClientCertificate.fromPkcs12(pkcs12, password));
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
            TlsOptions options = b.build();
            if (insecure) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(INSECURE_WARNING);
                err.flush();
            }
            return options;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private String firstTlsOnlyFlag() {
        if (!authorities.isEmpty()) {
            return "--ca";
        }
        if (!pins.isEmpty()) {
            return "--pin";
        }
        if (serverName != null) {
            return "--sni";
        }
        if (certificate != null) {
            return "--cert";
        }
        if (key != null) {
            return "--key";
        }
        if (pkcs12 != null) {
            return "--pkcs12";
        }
        if (passwordEnv != null) {
            return "--password-env";
        }
        if (!alpn.isEmpty()) {
            return "--alpn";
        }
        return insecure ? "--insecure" : null;
    }

    private ParameterException usage(String sentence) {
        return new ParameterException(spec.commandLine(), sentence);
    }
}
