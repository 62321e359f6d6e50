package dev.plughub.plugin.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Everything a Java out-of-process plugin's {@code main} needs besides its services: listen on a
 * free loopback port, print the {@link Handshake} line, and exit when the host closes stdin (the
 * host does on stop; a host that dies closes it too, so a plugin never outlives its host).
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     PluginServer.serve(new MyNebulaService(), new MyPlughubService());
 * }
 * }</pre>
 */
public final class PluginServer {

    private PluginServer() {
    }

    /** Serves until stdin closes, then stops the server and exits the JVM with status 0. */
    public static void serve(BindableService... services) throws IOException, InterruptedException {
        Server server = start(services);
        announce(server, System.out);
        waitForEndOfInput(System.in);
        server.shutdown();
        if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
        System.exit(0);
    }

    /** Starts the services on 127.0.0.1, on a port the system picks. */
    public static Server start(BindableService... services) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        for (BindableService service : services) {
            builder.addService(service);
        }
        return builder.build().start();
    }

    /** Prints the handshake line for {@code server} and flushes it: the host waits for exactly this. */
    public static void announce(Server server, PrintStream out) {
        out.println(Handshake.listeningOn(InetAddress.getLoopbackAddress().getHostAddress(), server.getPort()).line());
        out.flush();
    }

    /** Blocks until {@code in} reaches its end (the host closed the pipe, or died). */
    public static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // The host sends nothing on stdin today; whatever arrives is ignored.
        }
    }
}
