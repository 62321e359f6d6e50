import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * The back ends of bench/cluster.sh on this machine: an embedded PostgreSQL with an empty database
 * {@code plughub}, and S3Proxy keeping a bucket {@code plughub} in a folder. Prints the settings a
 * registry node needs (as {@code NAME=value} lines, then {@code READY}) and runs until it is
 * stopped (SIGTERM). No Docker needed; fsync is off in this PostgreSQL, so its figures are optimistic.
 *
 * <p>A single-file program, run from source on the registry's test class path (where S3Proxy and
 * embedded PostgreSQL already are), so the bench jar stays free of dependencies:
 * <pre>java -cp "$(cat registry-test.classpath)" bench/cluster/ClusterBackends.java WORK_DIR</pre>
 */
public final class ClusterBackends {

    static final String ACCESS_KEY = "bench-access";
    static final String SECRET_KEY = "bench-secret";

    private ClusterBackends() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ClusterBackends WORK_DIR");
            System.exit(2);
        }
        Path work = Files.createDirectories(Path.of(args[0]));
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true).setServerConfig("max_connections", "300").start();
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE plughub");
        }
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", Files.createDirectories(work.resolve("s3")).toString());
        var store = BlobStores.create("filesystem", props);
        store.createContainer("plughub");
        S3Proxy s3 = S3Proxy.builder().blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0")).jettyMaxThreads(256).build();
        s3.start();
        while (!"STARTED".equals(s3.getState())) {
            Thread.sleep(10);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {   // SIGTERM from the script
            try {
                s3.stop();
                pg.close();
            } catch (Exception e) {
                System.err.println("stopping the back ends: " + e);
            }
        }));
        System.out.println("PLUGHUB_DATABASE_URL=" + pg.getJdbcUrl("postgres", "plughub"));
        System.out.println("PLUGHUB_BLOB_STORE=s3://plughub?endpoint=http://127.0.0.1:" + s3.getPort()
                + "&region=us-east-1&path_style=true");
        System.out.println("AWS_ACCESS_KEY_ID=" + ACCESS_KEY);
        System.out.println("AWS_SECRET_ACCESS_KEY=" + SECRET_KEY);
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();   // until the script stops us
    }
}
