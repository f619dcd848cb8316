import { createCluster, type Cluster } from '../../../lib/cluster.js';
import { serve, type ServeOptions, type ServedCluster } from '../../../lib/serve.js';

/** A cluster on a virtual clock served on 127.0.0.1 at a free port. */
export interface TestServer {
  cluster: Cluster;
  served: ServedCluster;
  /** `fetch` relative to the server, never following redirects. */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Starts `serve(createCluster(), {port: 0})`. */
export async function startServer(options: ServeOptions = {}, cluster: Cluster = createCluster()): Promise<TestServer> {
  const served = await serve(cluster, { port: 0, ...options });
  return {
    cluster,
    served,
    request: (path, init = {}) => fetch(`${served.url}${path}`, { redirect: 'manual', ...init }),
    async close() {
      await served.close();
      cluster.close();
    },
  };
}

/** Reads a response body as JSON. */
export async function json<T = Record<string, unknown>>(r: Response): Promise<T> {
  return (await r.json()) as T;
}
