package dev.plughub.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class LoopbackTunedConnectorTest {

    /** Answers with the send buffer the kernel reports for the connection the request came on. */
    private static final class SendBufferReport extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Object transport = request.getConnectionMetaData().getConnection().getEndPoint().getTransport();
            int size = ((NetworkChannel) transport).getOption(StandardSocketOptions.SO_SNDBUF);
            Content.Sink.write(response, true, Integer.toString(size), callback);
            return true;
        }
    }

    @Test
    void aConnectionFromThisMachineGetsTheSmallFixedSendBuffer() throws Exception {
        Server server = new Server();
        LoopbackTunedConnector connector = new LoopbackTunedConnector(server, new HttpConfiguration(), "127.0.0.1", 0,
                Duration.ofSeconds(20), new RequestsInFlight());
        server.addConnector(connector);
        server.setHandler(new SendBufferReport());
        server.start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int reported = Integer.parseInt(answer.body());
            // Linux reports twice what was set; the kernel's own default starts far below either value
            assertThat(reported).isBetween(LoopbackTunedConnector.LOOPBACK_SEND_BUFFER,
                    2 * LoopbackTunedConnector.LOOPBACK_SEND_BUFFER);
        } finally {
            server.stop();
        }
    }
}
