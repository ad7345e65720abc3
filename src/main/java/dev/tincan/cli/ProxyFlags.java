package dev.tincan.cli;

import dev.tincan.client.ProxyOptions;
import dev.tincan.codec.HostPort;
import java.io.Console;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@code send} and {@code connect} reach the server: through a proxy ({@code --proxy})
 * and from which local address ({@code --local}). A proxy password is never a flag value nor
 * part of the URL (it would sit in the shell's history and in every process listing): it is
 * asked for on the terminal, or read from the environment variable
 * {@code --proxy-password-env} names. Read once per run.
 *
 * <pre>
 *   --proxy socks5://ann@127.0.0.1:1080     SOCKS5, user ann, password asked for
 *   --proxy http://[::1]:3128               HTTP CONNECT, no authentication
 *   --local 192.168.1.20   --local [::1]:40000
 * </pre>
 */
final class ProxyFlags {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "Connect through a proxy: socks5://[USER@]HOST:PORT or http://[USER@]HOST:PORT (an HTTP "
                    + "proxy's CONNECT). The server's host name goes to the proxy as it is, and the proxy looks it "
                    + "up. With a USER the password is asked for on the terminal, or read from --proxy-password-env; "
                    + "a URL with a password in it is refused.")
    String proxy;

    @Option(names = "--proxy-password-env", paramLabel = "NAME",
            description = "Read the password of the --proxy user from the environment variable NAME, for scripts. "
                    + "It is never taken as a flag value.")
    String passwordEnv;

    @Option(names = "--local", paramLabel = "ADDR[:PORT]",
            description = "Connect from this local address, and this local port when given, e.g. 192.168.1.20, "
                    + "192.168.1.20:40000 or [::1]:40000.")
    String local;

    /**
     * The proxy to connect through, or null for none; asks for the password if the URL names
     * a user.
     *
     * @throws ParameterException with one sentence when a flag does not fit
     */
    ProxyOptions proxyOptions() {
        if (proxy == null) {
            if (passwordEnv != null) {
                throw usage("--proxy-password-env is the password of the --proxy user: add --proxy URL.");
            }
            return null;
        }
        ProxyOptions parsed;
        String user;
        try {
            Parsed p = parse(proxy);
            parsed = p.options;
            user = p.user;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (user == null) {
            if (passwordEnv != null) {
                throw usage("--proxy-password-env is the password of the --proxy user, and the URL names none: "
                        + "write it as " + parsed.type().name().toLowerCase(Locale.ROOT) + "://USER@"
                        + HostPort.of(parsed.host(), parsed.port()) + ".");
            }
            return parsed;
        }
        char[] password = password(parsed.withCredentials(user, new char[0]));
        try {
            return parsed.withCredentials(user, password);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The local address to connect from, or null for the system's choice.
     *
     * @throws ParameterException with one sentence when it is not an address of this machine's form
     */
    InetSocketAddress localAddress() {
        if (local == null) {
            return null;
        }
        String s = local.strip();
        String host = s;
        int port = 0;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw usage("--local " + Cli.quote(local) + ": the IPv6 address has no closing bracket; write it as "
                        + "[::1] or [::1]:40000.");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                port = localPort(rest.startsWith(":") ? rest.substring(1) : rest);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = localPort(s.substring(s.indexOf(':') + 1));
        }
        if (host.isEmpty()) {
            throw usage("--local " + Cli.quote(local) + " names no address: use one of this machine's, e.g. "
                    + "192.168.1.20, or 0.0.0.0:40000 for any address and port 40000.");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw usage("--local " + Cli.quote(local) + ": " + host + " is not an address or a known host name; use "
                    + "one of this machine's addresses, e.g. 192.168.1.20.");
        }
    }

    private int localPort(String text) {
        try {
            return PortConverter.parse(text, 0);
        } catch (TypeConversionException e) {
            throw usage("--local " + Cli.quote(local) + ": the local " + e.getMessage());
        }
    }

    /** A proxy URL taken apart: the options without credentials, and the user it names or null. */
    record Parsed(ProxyOptions options, String user) {
    }

    /**
     * Takes {@code url} apart: {@code socks5://} or {@code http://}, an optional {@code USER@},
     * the host (an IPv6 literal in brackets) and the port.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong and what to write
     */
    static Parsed parse(String url) {
        String s = url.strip();
        int scheme = s.indexOf("://");
        String kind = scheme < 0 ? "" : s.substring(0, scheme).toLowerCase(Locale.ROOT);
        ProxyOptions.Type type;
        if (kind.equals("socks5") || kind.equals("socks5h")) {
            type = ProxyOptions.Type.SOCKS5;
        } else if (kind.equals("http")) {
            type = ProxyOptions.Type.HTTP;
        } else {
            throw new IllegalArgumentException("--proxy " + Cli.quote(url) + " is not a proxy URL: write "
                    + "socks5://HOST:PORT or http://HOST:PORT, with USER@ before the host if the proxy asks for one.");
        }
        String rest = s.substring(scheme + 3);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("--proxy: the URL holds a password, which would stay in the "
                        + "shell's history and in every process listing: write " + kind + "://"
                        + user.substring(0, user.indexOf(':')) + "@" + rest + " and give the password on the "
                        + "terminal, or in an environment variable named by --proxy-password-env NAME.");
            }
            if (user.isEmpty()) {
                throw new IllegalArgumentException("--proxy " + Cli.quote(url) + " has an empty user name before @: "
                        + "leave out the @, or write the user name.");
            }
        }
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            host = close < 0 ? "" : rest.substring(1, close);
            port = close < 0 || !rest.startsWith(":", close + 1) ? null : rest.substring(close + 2);
        } else {
            int colon = rest.lastIndexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            port = colon < 0 ? null : rest.substring(colon + 1);
        }
        if (host.isEmpty() || port == null || host.indexOf('/') >= 0 || (!rest.startsWith("[") && host.indexOf(':')
                >= 0)) {
            throw new IllegalArgumentException("--proxy " + Cli.quote(url) + " needs HOST:PORT after " + kind
                    + "://, e.g. " + kind + "://127.0.0.1:" + (type == ProxyOptions.Type.SOCKS5 ? "1080" : "3128")
                    + " (an IPv6 address in brackets: [::1]:1080).");
        }
        int number;
        try {
            number = PortConverter.parse(port, 1);
        } catch (TypeConversionException e) {
            throw new IllegalArgumentException("--proxy: the proxy's " + e.getMessage());
        }
        return new Parsed(ProxyOptions.of(type, host, number), user);
    }

    private char[] password(ProxyOptions proxy) {
        String user = proxy.user();
        if (passwordEnv != null) {
            String value = Passwords.environment.apply(passwordEnv);
            if (value == null) {
                throw usage("--proxy-password-env " + passwordEnv + ": no environment variable " + passwordEnv
                        + " is set; set it to the password of " + user + " at the proxy.");
            }
            return value.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw usage("--proxy " + proxy + " needs the password of " + user + ": run in a terminal to be asked for "
                    + "it, or name an environment variable that holds it with --proxy-password-env NAME.");
        }
        char[] password = console.readPassword("password of %s at %s: ", user, proxy.describe());
        if (password == null) {
            throw usage("--proxy " + proxy + " needs the password of " + user + ", and the terminal gave none.");
        }
        return password;
    }

    private ParameterException usage(String sentence) {
        return new ParameterException(spec.commandLine(), sentence);
    }
}
