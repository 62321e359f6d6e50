package dev.plughub.registry.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.URL;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;

/**
 * JGit's view of one pinned {@link HttpURLConnection}: responses are metered by the import's
 * {@link TransferBudget} and their statuses noted in {@link RemoteAnswers}. TLS checks cannot be
 * loosened through it (JGit would only ask when a git config says {@code http.sslVerify=false}).
 */
final class GuardedHttpConnection implements HttpConnection {

    private final HttpURLConnection connection;
    private final TransferBudget budget;
    private final RemoteAnswers answers;

    GuardedHttpConnection(HttpURLConnection connection, TransferBudget budget, RemoteAnswers answers) {
        this.connection = connection;
        this.budget = budget;
        this.answers = answers;
    }

    @Override
    public int getResponseCode() throws IOException {
        budget.checkTime();
        int code = connection.getResponseCode();
        answers.status(code);
        return code;
    }

    @Override
    public URL getURL() {
        return connection.getURL();
    }

    @Override
    public String getResponseMessage() throws IOException {
        return connection.getResponseMessage();
    }

    @Override
    public Map<String, List<String>> getHeaderFields() {
        return connection.getHeaderFields();
    }

    @Override
    public void setRequestProperty(String key, String value) {
        connection.setRequestProperty(key, value);
    }

    @Override
    public void setRequestMethod(String method) throws ProtocolException {
        connection.setRequestMethod(method);
    }

    @Override
    public void setUseCaches(boolean usecaches) {
        connection.setUseCaches(usecaches);
    }

    @Override
    public void setConnectTimeout(int timeout) {
        connection.setConnectTimeout(bounded(timeout));
    }

    @Override
    public void setReadTimeout(int timeout) {
        connection.setReadTimeout(bounded(timeout));
    }

    /** No wait may outlast what is left of the import's time (0 would mean "forever"). */
    private int bounded(int millis) {
        int left = budget.secondsLeft() * 1000;
        return millis <= 0 ? left : Math.min(millis, left);
    }

    @Override
    public String getContentType() {
        return connection.getContentType();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return budget.meter(connection.getInputStream());
    }

    @Override
    public String getHeaderField(String name) {
        return connection.getHeaderField(name);
    }

    @Override
    public List<String> getHeaderFields(String name) {
        List<String> values = new ArrayList<>();
        connection.getHeaderFields().forEach((key, list) -> {
            if (key != null && key.equalsIgnoreCase(name)) {
                values.addAll(list);
            }
        });
        return values;
    }

    @Override
    public int getContentLength() {
        return connection.getContentLength();
    }

    @Override
    public void setInstanceFollowRedirects(boolean followRedirects) {
        // JGit follows redirects itself, through the factory, so each new host is checked; the JDK must not
        connection.setInstanceFollowRedirects(false);
    }

    @Override
    public void setDoOutput(boolean dooutput) {
        connection.setDoOutput(dooutput);
    }

    @Override
    public void setFixedLengthStreamingMode(int contentLength) {
        connection.setFixedLengthStreamingMode(contentLength);
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return connection.getOutputStream();
    }

    @Override
    public void setChunkedStreamingMode(int chunklen) {
        connection.setChunkedStreamingMode(chunklen);
    }

    @Override
    public String getRequestMethod() {
        return connection.getRequestMethod();
    }

    @Override
    public boolean usingProxy() {
        return false;
    }

    @Override
    public void connect() throws IOException {
        budget.checkTime();
        connection.connect();
    }

    @Override
    public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        throw new KeyManagementException("imports never change the TLS settings");
    }

    @Override
    public void setHostnameVerifier(HostnameVerifier hostnameverifier) throws KeyManagementException {
        throw new KeyManagementException("imports never change the TLS host name check");
    }
}
