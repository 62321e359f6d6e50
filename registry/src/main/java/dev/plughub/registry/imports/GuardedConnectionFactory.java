package dev.plughub.registry.imports;

import dev.plughub.core.net.Destination;
import dev.plughub.core.net.OutboundGuard;
import dev.plughub.core.net.PinnedConnections;
import java.io.IOException;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * Opens every HTTP connection of one import: to the address the guard checked for the repository's
 * host, and — for a redirect to another host — only after the guard has checked that host too.
 * JGit is handed this factory per transport, so nothing global changes.
 */
final class GuardedConnectionFactory implements HttpConnectionFactory {

    private final OutboundGuard guard;
    private final TransferBudget budget;
    private final RemoteAnswers answers;
    private final List<Destination> checked = new ArrayList<>();

    GuardedConnectionFactory(OutboundGuard guard, Destination first, TransferBudget budget, RemoteAnswers answers) {
        this.guard = guard;
        this.budget = budget;
        this.answers = answers;
        this.checked.add(first);
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, Proxy.NO_PROXY);
    }

    /** The proxy JGit chose is ignored: a connection goes straight to the checked address or not at all. */
    @Override
    public HttpConnection create(URL url, Proxy ignored) throws IOException {
        budget.checkTime();
        return new GuardedHttpConnection(PinnedConnections.open(url, destination(url)), budget, answers);
    }

    private synchronized Destination destination(URL url) throws IOException {
        try {
            var uri = url.toURI();
            for (Destination d : checked) {
                if (d.sameEndpoint(uri)) {
                    return d; // the same host is never resolved twice: it stays at the checked address
                }
            }
            Destination d = guard.check(uri);
            checked.add(d);
            return d;
        } catch (URISyntaxException e) {
            throw new IOException("the git host redirected to an invalid URL", e);
        }
    }
}
