package dev.plughub.examples.grpcsync;

import dev.plughub.plugin.grpc.PluginServer;
import java.nio.file.Path;

/**
 * Seed 004's sample_sync run out of process: the host starts {@code bin/run}, which runs this
 * {@code main}. {@link PluginServer} listens on a free loopback port, prints the handshake line
 * and exits when the host closes stdin.
 */
public final class GrpcSyncPlugin {

    private GrpcSyncPlugin() {
    }

    public static void main(String[] args) throws Exception {
        String dataDir = System.getenv().getOrDefault("PLUGHUB_PLUGIN_DATA_DIR", ".");
        PluginServer.serve(new SampleSyncService(new UserFile(Path.of(dataDir, "users.tsv"))));
    }
}
