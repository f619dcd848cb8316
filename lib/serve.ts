/**
 * kubesim's HTTP door (the `kubesim/server` entry point): serves a cluster on a local port so that
 * unmodified `kubectl` and `@kubernetes/client-node` can talk to it, and writes the kubeconfig they need.
 *
 * @example
 * const cluster = createCluster();
 * const served = await serve(cluster);               // http://127.0.0.1:<random port>
 * served.writeKubeconfig('/tmp/kubesim.kubeconfig');  // kubectl --kubeconfig /tmp/kubesim.kubeconfig get ns
 * await served.close();
 */
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Cluster } from './cluster.js';
import { createHttpServer, type HttpServerOptions } from './server/server.js';

/** Options of {@link serve}. */
export interface ServeOptions extends Omit<HttpServerOptions, 'clock' | 'serverAddress'> {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** Name of the cluster, user and context in the kubeconfig (default `kubesim`). */
  contextName?: string;
  /** The kubeconfig context's namespace (default `default`). */
  namespace?: string;
}

/** A cluster being served. */
export interface ServedCluster {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** A kubeconfig (YAML) for this server. */
  readonly kubeconfig: string;
  /** The underlying node:http server. */
  readonly server: Server;
  /** Writes {@link ServedCluster.kubeconfig} to a file (mode 0600). */
  writeKubeconfig(path: string): void;
  /** Stops listening and drops every connection (open watches end); the cluster itself keeps running. */
  close(): Promise<void>;
}

/** The host part of a URL for a listening address (wildcards become loopback, IPv6 is bracketed). */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * A kubeconfig for `url`: one cluster, an empty user and one context, all named `name`.
 * `insecure-skip-tls-verify` is what client-node requires before it talks plain http.
 */
export function kubeconfigFor(url: string, name = 'kubesim', namespace = 'default'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    server: ${url}`,
    '    insecure-skip-tls-verify: true',
    `  name: ${name}`,
    'contexts:',
    '- context:',
    `    cluster: ${name}`,
    `    namespace: ${namespace}`,
    `    user: ${name}`,
    `  name: ${name}`,
    `current-context: ${name}`,
    'preferences: {}',
    'users:',
    `- name: ${name}`,
    '  user: {}',
    '',
  ].join('\n');
}

/** Serves `cluster` over HTTP on `host:port` (default `127.0.0.1`, any free port). */
export async function serve(cluster: Cluster, options: ServeOptions = {}): Promise<ServedCluster> {
  const host = options.host ?? '127.0.0.1';
  const { host: _h, port: _p, contextName, namespace, ...serverOptions } = options;
  let serverAddress = '';
  const server = createHttpServer(cluster, {
    ...serverOptions,
    get serverAddress(): string {
      return serverAddress;
    },
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (_req, s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(host)}:${port}`;
  serverAddress = `${urlHost(host)}:${port}`;
  const kubeconfig = kubeconfigFor(url, contextName, namespace);
  return {
    url,
    kubeconfig,
    server,
    writeKubeconfig(path: string): void {
      writeFileSync(path, kubeconfig, { mode: 0o600 });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
    },
  };
}

export { createHttpServer, type HttpServerOptions, type HttpServerSource } from './server/server.js';
export type { StreamingRequest, StreamingSubresource, StreamingSubresources } from './server/streaming.js';
