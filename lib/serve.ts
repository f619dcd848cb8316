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
import type { Pod } from './api/types.js';
import type { Cluster } from './cluster.js';
import { newNotFound } from './errors/constructors.js';
import type { ContainerStreams } from './registry/pod/stream-location.js';
import { podContainerStreams } from './runtime/container-streams.js';
import { podStreamSubresource, type ExecAttachOptions } from './server/exec-attach.js';
import { podLogSubresource } from './server/log-stream.js';
import { createHttpServer, type HttpServerOptions } from './server/server.js';
import type { StreamingSubresources } from './server/streaming.js';

/** Options of {@link serve}. */
export interface ServeOptions extends Omit<HttpServerOptions, 'clock' | 'serverAddress'> {
  /** Limits of the exec and attach WebSocket sessions (largest client message, unread output). */
  execAttach?: Omit<ExecAttachOptions, 'streams'>;
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

/**
 * The apiserver's connection to the nodes of `cluster`: each pod's kubelet serves its exec, attach and
 * logs; a pod bound to a node that is gone gets the apiserver's 404 for the Node (`GetConnectionInfo`).
 */
export function clusterContainerStreams(cluster: Cluster): ContainerStreams & { connectionInfo(pod: Pod): { nodeName: string } } {
  const reachable = (nodeName: string): string => {
    if (!cluster.nodeNames().includes(nodeName)) throw newNotFound({ resource: 'nodes' }, nodeName);
    return nodeName;
  };
  return {
    connectionInfo: (pod: Pod) => ({ nodeName: reachable(pod.spec?.nodeName ?? '') }),
    ...podContainerStreams((nodeName) => cluster.kubelet(reachable(nodeName))),
  };
}

/** `pods/log`, `pods/exec` and `pods/attach`, served by the cluster's kubelets. */
export function defaultStreamingSubresources(cluster: Cluster, options: Omit<ExecAttachOptions, 'streams'> = {}): StreamingSubresources {
  const streams = clusterContainerStreams(cluster);
  return {
    'pods/log': podLogSubresource({ streams }),
    'pods/exec': podStreamSubresource('exec', { ...options, streams }),
    'pods/attach': podStreamSubresource('attach', { ...options, streams }),
  };
}

/** Serves `cluster` over HTTP on `host:port` (default `127.0.0.1`, any free port). */
export async function serve(cluster: Cluster, options: ServeOptions = {}): Promise<ServedCluster> {
  const host = options.host ?? '127.0.0.1';
  const { host: _h, port: _p, contextName, namespace, execAttach, ...serverOptions } = options;
  let serverAddress = '';
  const server = createHttpServer(cluster, {
    ...serverOptions,
    streaming: { ...defaultStreamingSubresources(cluster, execAttach), ...serverOptions.streaming },
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
export type { ExecAttachOptions } from './server/exec-attach.js';
