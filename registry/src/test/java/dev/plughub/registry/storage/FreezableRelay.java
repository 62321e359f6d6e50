package dev.plughub.registry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay in front of a server that can freeze as a stopped process does: connections stay open
 * and new ones are accepted, but not a byte goes through either way any more.
 */
final class FreezableRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final URI target;
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean frozen;

    private FreezableRelay(ServerSocket listener, URI target) {
        this.listener = listener;
        this.target = target;
    }

    static FreezableRelay to(URI target) throws IOException {
        FreezableRelay relay = new FreezableRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        Thread.ofVirtual().start(relay::accept);
        return relay;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    void freeze() {
        frozen = true;
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                keep(client);
                if (frozen) {
                    continue;   // accepted by the kernel, never answered
                }
                Socket upstream = keep(new Socket(target.getHost(), target.getPort()));
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private synchronized Socket keep(Socket socket) {
        sockets.add(socket);
        return socket;
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                while (frozen) {
                    Thread.sleep(50);   // holds what arrived, as a process that no longer runs would
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // a side went away
        }
    }

    @Override
    public synchronized void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
