package dev.tincan.codec;

import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed TLS handshake says about the other side, read from the JDK's exception:
 * the alert it sent, and, for a handshake Tincan ran as the server (a listener's or the
 * companion server's client), why the client went away, in words. Stateless.
 */
public final class TlsPeerFailure {
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

    private TlsPeerFailure() {
    }

    /** The alert the peer sent ({@code certificate_unknown}, ...) as {@code message} names it, or null. */
    public static String alert(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = ALERT.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /** Whether {@code alert} says the peer refused a certificate, or asked for one it did not get. */
    public static boolean isCertificateAlert(String alert) {
        return alert.equals("certificate_required") || alert.equals("bad_certificate")
                || alert.equals("unknown_ca") || alert.equals("certificate_unknown")
                || alert.equals("unsupported_certificate") || alert.equals("certificate_expired")
                || alert.equals("certificate_revoked") || alert.equals("access_denied");
    }

    /**
     * Why a handshake Tincan ran as the server failed, as a phrase about the client
     * (lower-case, no period), or null when {@code e} is not about the handshake: the client
     * spoke plain TCP, did not trust {@code whose} certificate, shared no version or cipher
     * suite with Tincan, or closed the connection during the handshake.
     *
     * @param whose whose certificate, e.g. {@code "this server's"}
     * @param withoutTls how to do without TLS, e.g. {@code "serve without --tls"}
     */
    public static String asServer(IOException e, String whose, String withoutTls) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        String alert = alert(message);
        if (lower.contains("unrecognized ssl message") || lower.contains("plaintext connection")) {
            return "it spoke plain TCP, not TLS (connect it with TLS, or " + withoutTls + ")";
        }
        if (alert != null && isCertificateAlert(alert)) {
            return "it does not trust " + whose + " certificate (it answered " + alert + "): give it the "
                    + "certificate to trust, e.g. the file --save-cert writes";
        }
        if ("handshake_failure".equals(alert) || "protocol_version".equals(alert) || lower.contains("no appropriate "
                + "protocol") || lower.contains("cipher suite")) {
            return "it shares no TLS version or cipher suite with Tincan (" + (alert != null ? "it answered " + alert
                    : message) + ")";
        }
        if (e.getCause() instanceof EOFException || lower.contains("remote host terminated")) {
            return "it closed the connection during the TLS handshake";
        }
        return null;
    }
}
