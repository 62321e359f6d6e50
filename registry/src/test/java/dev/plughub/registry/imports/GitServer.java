package dev.plughub.registry.imports;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * A real git server on 127.0.0.1 for the import tests: JGit's smart-HTTP {@link GitServlet} in
 * Jetty, serving every repository under a folder at {@code /git/<name>}. Repositories whose name
 * starts with {@code private-} demand HTTP Basic credentials with the given token as password, as
 * GitHub does for a private repository; {@code slow-} ones stall before answering; {@code redirect-}
 * ones redirect to a private address.
 */
final class GitServer implements AutoCloseable {

    static final String TOKEN = "ghp_test-token-0123456789abcdef";

    private final Server server;
    private final int port;

    private GitServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static GitServer serve(Path repositories) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        GitServlet git = new GitServlet();
        git.setRepositoryResolver(new FileResolver<>(repositories.toFile(), true));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(git), "/git/*");
        context.addFilter(new FilterHolder(gate()), "/git/*", EnumSet.allOf(jakarta.servlet.DispatcherType.class));
        server.setHandler(context);
        server.start();
        return new GitServer(server, connector.getLocalPort());
    }

    /** Basic auth for {@code private-*}, a stall for {@code slow-*}. */
    private static Filter gate() {
        String expected = "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        return (request, response, chain) -> {
            String path = ((HttpServletRequest) request).getPathInfo();
            if (path != null && path.startsWith("/private-")
                    && !expected.equals(((HttpServletRequest) request).getHeader("Authorization"))) {
                HttpServletResponse http = (HttpServletResponse) response;
                http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                http.sendError(401);
                return;
            }
            if (path != null && path.startsWith("/redirect-")) {
                // the same repository path, on a private address the registry was not allowed to reach
                HttpServletRequest http = (HttpServletRequest) request;
                String query = http.getQueryString() == null ? "" : "?" + http.getQueryString();
                ((HttpServletResponse) response).sendRedirect("http://10.0.0.1" + http.getRequestURI() + query);
                return;
            }
            if (path != null && path.startsWith("/slow-")) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            chain.doFilter(request, response);
        };
    }

    String url(String repository) {
        return "http://127.0.0.1:" + port + "/git/" + repository;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
