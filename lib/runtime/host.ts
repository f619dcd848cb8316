import type { Clock } from '../clock/clock.js';
import type { DirNode } from './fs/nodes.js';

/** Linux capability sets of a container's processes, as bit masks (`/proc/PID/status` Cap* lines). */
export interface CapabilitySets {
  readonly bounding: bigint;
  /** Permitted and effective for root processes; non-root processes get none. */
  readonly permitted: bigint;
}

/** An HTTP answer for `wget`. */
export interface HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly body: string;
  readonly contentType?: string;
}

/** An HTTP request as a listening program sees it. */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly clientIP: string;
  readonly userAgent: string;
}

/** A program's HTTP server: answers one request. */
export type HttpHandler = (req: HttpRequest) => HttpAnswer;

/** What the network looks like from inside a container (DNS and HTTP are answered, not sent). */
export interface NetworkView {
  /** The DNS server in `/etc/resolv.conf` (the cluster DNS Service, `10.96.0.10`). */
  readonly nameserver: string;
  /** Search domains in `/etc/resolv.conf` (`default.svc.cluster.local svc.cluster.local cluster.local`). */
  readonly search: readonly string[];
  /** The pod's IP. */
  readonly podIP: string;
  /** A records for a fully qualified name (no search list applied), or undefined (NXDOMAIN). */
  lookup(fqdn: string): string[] | undefined;
  /** The PTR name of an address, if the cluster DNS has one. */
  reverse(ip: string): string | undefined;
  /**
   * Sends `GET path` to `ip:port`: the answer, `refused` when nothing listens there, or `timeout`
   * when no host has that address.
   */
  httpGet(ip: string, port: number, req: Omit<HttpRequest, 'clientIP'>): HttpAnswer | 'refused' | 'timeout';
  /** Whether `ip` answers ping (pod IPs do, Service IPs do not). */
  pingable(ip: string): boolean;
  /** Listens on `port` of the pod IP; returns a function that stops listening. */
  listen(port: number, handler: HttpHandler): () => void;
}

/** The container a process runs in: its file system, names and the cluster around it. */
export interface ProcessHost {
  readonly containerId: string;
  readonly containerName: string;
  /** The container's root file system (image copy plus mounts and `/proc`). */
  readonly root: DirNode;
  /** The pod's hostname (`kubectl run` pods: the pod name). */
  readonly hostname: string;
  readonly clock: Clock;
  readonly capabilities: CapabilitySets;
  readonly network: NetworkView;
  /** When the container's sandbox started, for `/proc/uptime` and `uptime`. */
  readonly bootTime: number;
}
