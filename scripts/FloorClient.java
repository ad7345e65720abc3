import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The floor that {@code scripts/startup.sh} measures {@code tincan send} against: the least
 * a JVM can do for the same exchange. Connects to HOST PORT, sends MESSAGE and a newline,
 * prints the line that comes back, and exits.
 *
 * <pre>java -cp DIR FloorClient HOST PORT MESSAGE</pre>
 */
public final class FloorClient {
    private FloorClient() {
    }

    public static void main(String[] args) throws Exception {
        try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
            OutputStream out = socket.getOutputStream();
            out.write((args[2] + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            System.out.println(in.readLine());
        }
    }
}
