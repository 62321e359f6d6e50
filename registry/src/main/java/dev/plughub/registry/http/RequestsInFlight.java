package dev.plughub.registry.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The connections that carry a request not yet answered in full, for the connector's stop
 * ({@link LoopbackTunedConnector#shutdown}): a connection is busy from the moment its request
 * reaches the handlers until the last byte of the answer is written or the exchange fails. HTTP/1.1
 * carries one request at a time, so a connection is either in the set or not.
 */
public final class RequestsInFlight extends Handler.Wrapper {

    private final Set<EndPoint> busy = ConcurrentHashMap.newKeySet();

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        busy.add(endPoint);
        boolean handled = false;
        try {
            handled = super.handle(request, response, Callback.from(callback, () -> busy.remove(endPoint)));
            return handled;
        } finally {
            if (!handled) {
                busy.remove(endPoint);
            }
        }
    }

    /** Whether {@code endPoint} carries a request whose answer is not yet written in full. */
    public boolean carries(EndPoint endPoint) {
        return busy.contains(endPoint);
    }
}
