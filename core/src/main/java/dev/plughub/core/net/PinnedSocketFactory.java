package dev.plughub.core.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.ssl.SSLSocketFactory;

/**
 * An {@link SSLSocketFactory} whose sockets connect to one checked address whatever endpoint they
 * are asked for. {@code HttpsURLConnection} asks the factory for an unconnected socket, connects it
 * to the host it resolved itself, then layers TLS over it with the host name (for SNI and the
 * certificate check) — so the TLS side stays exactly as usual while the TCP side is pinned.
 */
final class PinnedSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory tls;
    private final InetSocketAddress target;

    PinnedSocketFactory(SSLSocketFactory tls, InetSocketAddress target) {
        this.tls = tls;
        this.target = target;
    }

    @Override
    public Socket createSocket() {
        return new PinnedSocket(target);
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        return tls.createSocket(plain, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(target);
        return tls.createSocket(socket, host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address.getHostAddress(), port);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    /** A plain socket that ignores the endpoint it is given and connects to the checked one. */
    private static final class PinnedSocket extends Socket {
        private final InetSocketAddress target;

        PinnedSocket(InetSocketAddress target) {
            this.target = target;
        }

        @Override
        public void connect(SocketAddress ignored) throws IOException {
            super.connect(target);
        }

        @Override
        public void connect(SocketAddress ignored, int timeout) throws IOException {
            super.connect(target, timeout);
        }
    }
}
