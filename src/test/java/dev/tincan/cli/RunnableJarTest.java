package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tincan.codec.Fingerprints;
import dev.tincan.testing.LoopbackServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar {@code mvn package} makes, {@code target/tincan.jar}, run as people run it,
 * through the one path that needs Bouncy Castle: a TLS server started without a certificate
 * makes a self-signed one. The jar holds only the Bouncy Castle classes Tincan's code reaches
 * (pom.xml, minimizeJar), so a class that path loads by a way the build does not follow would be
 * missing here and nowhere else: the tests on target/classes have all of Bouncy Castle. Each
 * command that makes such a certificate ({@code serve --tls}, {@code listen --tls},
 * {@code relay --tls-listen}) prints its listening line and its fingerprint, and a client that
 * trusts exactly that fingerprint exchanges a line with it on 127.0.0.1. The other libraries
 * must be in the jar whole, and are checked to be. It runs in the integration-test phase, after
 * package has made the jar (pom.xml, execution launcher-test); its cases run side by side, each
 * waiting on a JVM of its own.
 */
@Execution(ExecutionMode.CONCURRENT)
class RunnableJarTest {
    /** How long a JVM may take to start and make its certificate, on a busy machine. */
    private static final long START_SECONDS = 30;

    /** How long a line may take to come back once the server is up. */
    private static final int LINE_MILLIS = 10_000;

    private static final Pattern FINGERPRINT = Pattern.compile("TLS certificate SHA-256 fingerprint: (\\S+)");

    private static Path jar;

    @TempDir
    static Path temp;

    @BeforeAll
    static void findTheJar() {
        jar = Path.of(System.getProperty("tincan.target", "target")).toAbsolutePath().resolve("tincan.jar");
        assertThat(jar).as("made by mvn package").isRegularFile();
    }

    /**
     * The libraries other than Bouncy Castle are in the jar whole: they load classes by name,
     * which minimizing cannot follow, so pom.xml lists each to keep (maven-shade-plugin's
     * filters). A library on the class path is taken to be in the jar when any of its classes,
     * or its Maven description, is; one added to the build but not to that list fails here.
     */
    @Test
    void everyLibraryButBouncyCastleIsInTheJarWhole() throws IOException {
        Set<String> inJar = entries(jar);
        List<String> checked = new ArrayList<>();
        for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path library = Path.of(element);
            if (!element.endsWith(".jar") || !Files.isRegularFile(library)
                    || library.toAbsolutePath().equals(jar)) {
                continue;
            }
            Set<String> own = entries(library);
            boolean shaded = own.stream().anyMatch(name -> inJar.contains(name)
                    && (name.endsWith(".class") || name.startsWith("META-INF/maven/")));
            if (!shaded || library.toString().replace(File.separatorChar, '/').contains("/org/bouncycastle/")) {
                continue;
            }
            List<String> missing = own.stream()
                    .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class"))
                    .filter(name -> !inJar.contains(name)).sorted().toList();
            assertThat(missing).as("classes of %s missing from %s: list it in pom.xml's filters that keep a "
                    + "library whole", library.getFileName(), jar).isEmpty();
            checked.add(library.getFileName().toString());
        }
        assertThat(checked).as("the libraries checked").anyMatch(name -> name.startsWith("logback-classic-"))
                .anyMatch(name -> name.startsWith("flatlaf-")).anyMatch(name -> name.startsWith("gson-"));
    }

    /** The names of the files in {@code zip}, directories left out. */
    private static Set<String> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).collect(Collectors.toSet());
        }
    }

    @Test
    @Timeout(60)
    void serveTlsMakesItsCertificateAndEchoesALine() throws Exception {
        try (JarRun serve = JarRun.start("serve", "--port", "0", "--tls")) {
            int port = serve.port("tincan serve: echo, line framing, listening on 127\\.0\\.0\\.1:(\\d+) .*");
            String fingerprint = serve.group(FINGERPRINT);

            try (Client client = Client.connect(port, fingerprint)) {
                client.send("hello over tls");

                assertThat(client.receive()).isEqualTo("hello over tls");
            }
            serve.assertNoTrouble();
        }
    }

    @Test
    @Timeout(60)
    void listenTlsMakesItsCertificateAndTalksBothWays() throws Exception {
        try (JarRun listen = JarRun.start("listen", "0", "--tls")) {
            int port = listen.port("listening on 127\\.0\\.0\\.1:(\\d+) \\(line framing, TLS\\).*");
            String fingerprint = listen.group(FINGERPRINT);

            try (Client client = Client.connect(port, fingerprint)) {
                client.send("from the client");
                listen.group(Pattern.compile("#1 127\\.0\\.0\\.1:\\d+ ← (from the client)"));
                listen.type("from the listener");

                assertThat(client.receive()).isEqualTo("from the listener");
            }
            listen.assertNoTrouble();
        }
    }

    @Test
    @Timeout(60)
    void relayTlsListenMakesItsCertificateAndPassesALine() throws Exception {
        try (LoopbackServer echo = LoopbackServer.start(socket -> {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = socket.getOutputStream();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
                JarRun relay = JarRun.start("relay", "0", "127.0.0.1", Integer.toString(echo.port()),
                        "--tls-listen")) {
            int port = relay.port("tincan relay: listening on 127\\.0\\.0\\.1:(\\d+) \\(TLS\\).*");
            String fingerprint = relay.group(FINGERPRINT);

            try (Client client = Client.connect(port, fingerprint)) {
                client.send("through the relay");

                assertThat(client.receive()).isEqualTo("through the relay");
            }
            relay.assertNoTrouble();
        }
    }

    /**
     * {@code java -jar tincan.jar ARGS...}, headless, logging into the temporary directory, its
     * standard error merged into its standard output, which a thread hands on line by line.
     * Closing it ends the process and waits for it, a bounded time.
     */
    private static final class JarRun implements AutoCloseable {
        private final Process process;
        /** The lines printed and not yet taken; empty when the output has ended. */
        private final BlockingQueue<Optional<String>> lines = new ArrayBlockingQueue<>(1024);
        /** Every line printed so far, for the failure messages. */
        private final List<String> printed = new ArrayList<>();
        private final Writer stdin;
        private final Thread reader;

        private JarRun(Process process) {
            this.process = process;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.reader = new Thread(this::read, "test-jar-output");
            reader.setDaemon(true);
            reader.start();
        }

        static JarRun start(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.awt.headless=true",
                    "-Dtincan.log.dir=" + temp.resolve("logs"),
                    "-Dtincan.config.file=" + temp.resolve("no-config"),
                    "-Dtincan.library.file=" + temp.resolve("library.json"),
                    "-jar", jar.toString()));
            command.addAll(List.of(args));
            return new JarRun(new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true).start());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (printed) {
                        printed.add(line);
                    }
                    if (!lines.offer(Optional.of(line))) {
                        return;
                    }
                }
            } catch (IOException e) {
                // The process was ended; what it printed before is kept.
            }
            lines.offer(Optional.empty());
        }

        private String printed() {
            synchronized (printed) {
                return String.join("\n", printed);
            }
        }

        /**
         * Waits for a line that {@code pattern} matches whole; failing loudly, with what was
         * printed, if none comes in time or the output ends first.
         */
        private Matcher until(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            while (true) {
                Optional<String> line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.isEmpty()) {
                    fail("no line matching " + pattern + (line == null ? " within " + START_SECONDS + " s"
                            : " before the output ended") + "; it printed:\n" + printed());
                }
                Matcher m = pattern.matcher(line.get());
                if (m.matches()) {
                    return m;
                }
            }
        }

        /** The port of the listening line that matches {@code regex} (group 1). */
        int port(String regex) throws InterruptedException {
            return Integer.parseInt(until(Pattern.compile(regex)).group(1));
        }

        /** Group 1 of the next line that matches {@code pattern}. */
        String group(Pattern pattern) throws InterruptedException {
            return until(pattern).group(1);
        }

        /** Types {@code line} on the process's standard input. */
        void type(String line) throws IOException {
            stdin.write(line + "\n");
            stdin.flush();
        }

        /** Nothing printed so far says that something failed: no missing class, no exception. */
        void assertNoTrouble() {
            assertThat(printed()).doesNotContain("Error", "Exception", "error:");
        }

        /** Ends the process and waits for it; an interrupt while waiting is kept on the thread. */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("the JVM did not end within " + START_SECONDS + " s of being asked to");
                }
                reader.join(TimeUnit.SECONDS.toMillis(START_SECONDS));
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while the JVM ended", e);
            }
        }
    }

    /** A TLS client on 127.0.0.1 that trusts one certificate, by its SHA-256 fingerprint, and speaks lines. */
    private static final class Client implements AutoCloseable {
        private final SSLSocket socket;
        private final BufferedReader in;

        private Client(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        static Client connect(int port, String fingerprint) throws IOException, GeneralSecurityException {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Pinned(fingerprint)}, null);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    port);
            socket.setSoTimeout(LINE_MILLIS);
            socket.startHandshake();
            return new Client(socket);
        }

        void send(String line) throws IOException {
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        /** The next line, failing (by the socket's timeout) when none comes in time. */
        String receive() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Trusts the one server certificate whose SHA-256 fingerprint it was given. */
    private record Pinned(String fingerprint) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            String actual = Fingerprints.certificate(chain[0]);
            if (!actual.equals(fingerprint)) {
                throw new CertificateException("the server showed " + actual + ", not the certificate it printed, "
                        + fingerprint + ".");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client certificate is not expected.");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
