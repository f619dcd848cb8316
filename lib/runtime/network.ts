import type { HttpAnswer, HttpHandler, HttpRequest, NetworkView } from './host.js';

/** Hooks through which the cluster (Services, their endpoints) answers what the runtime cannot know. */
export interface ClusterNetworkHooks {
  /** A records for a fully qualified name (Services: `name.ns.svc.cluster.local`). */
  lookup?(fqdn: string): string[] | undefined;
  /** PTR record of an IP. */
  reverse?(ip: string): string | undefined;
  /** The endpoints behind a Service `ip:port` (kube-proxy's job), or undefined if `ip` is no Service. */
  serviceBackends?(ip: string, port: number): Array<{ ip: string; port: number }> | undefined;
}

/** Addresses and names of the simulated cluster network. */
export interface ClusterNetworkOptions {
  readonly clusterDomain?: string;
  /** The cluster DNS Service IP (`kube-dns.kube-system`). */
  readonly dnsIP?: string;
  /** The `kubernetes.default` Service IP. */
  readonly apiServerIP?: string;
  readonly hooks?: ClusterNetworkHooks;
}

const FORBIDDEN_ANONYMOUS = JSON.stringify({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
  message: 'forbidden: User "system:anonymous" cannot get path "/"', reason: 'Forbidden', details: {}, code: 403,
}, null, 2);

/**
 * The pod network of one node, as far as programs see it: DNS for the cluster's well-known names
 * (`kubernetes.default`, `kube-dns.kube-system`, pod A records `1-2-3-4.ns.pod`), HTTP between pods
 * (programs listen on ports of their pod IP), Service IPs through the cluster's hooks.
 */
export class ClusterNetwork {
  readonly clusterDomain: string;
  readonly dnsIP: string;
  readonly apiServerIP: string;
  private readonly listeners = new Map<string, Map<number, HttpHandler>>();
  private readonly pods = new Set<string>();

  constructor(private readonly opts: ClusterNetworkOptions = {}) {
    this.clusterDomain = opts.clusterDomain ?? 'cluster.local';
    this.dnsIP = opts.dnsIP ?? '10.96.0.10';
    this.apiServerIP = opts.apiServerIP ?? '10.96.0.1';
  }

  /** Marks a pod IP as in use (it answers ping). */
  addPod(ip: string): void {
    this.pods.add(ip);
  }

  removePod(ip: string): void {
    this.pods.delete(ip);
    this.listeners.delete(ip);
  }

  lookup(fqdn: string): string[] | undefined {
    const name = fqdn.replace(/\.$/, '').toLowerCase();
    const hooked = this.opts.hooks?.lookup?.(name);
    if (hooked) return hooked;
    const d = this.clusterDomain;
    if (name === `kubernetes.default.svc.${d}`) return [this.apiServerIP];
    if (name === `kube-dns.kube-system.svc.${d}`) return [this.dnsIP];
    const pod = new RegExp(`^(\\d+)-(\\d+)-(\\d+)-(\\d+)\\.[a-z0-9-]+\\.pod\\.${d.replace(/\./g, '\\.')}$`).exec(name);
    if (pod) return [`${pod[1]}.${pod[2]}.${pod[3]}.${pod[4]}`];
    return undefined;
  }

  reverse(ip: string): string | undefined {
    const hooked = this.opts.hooks?.reverse?.(ip);
    if (hooked) return hooked;
    if (ip === this.apiServerIP) return `kubernetes.default.svc.${this.clusterDomain}`;
    if (ip === this.dnsIP) return `kube-dns.kube-system.svc.${this.clusterDomain}`;
    if (this.pods.has(ip)) return `${ip.replace(/\./g, '-')}.default.pod.${this.clusterDomain}`;
    return undefined;
  }

  httpGet(ip: string, port: number, req: HttpRequest): HttpAnswer | 'refused' | 'timeout' {
    if (ip === this.apiServerIP && port === 443) {
      return { status: 403, statusText: 'Forbidden', body: FORBIDDEN_ANONYMOUS, contentType: 'application/json' };
    }
    const backends = this.opts.hooks?.serviceBackends?.(ip, port);
    if (backends !== undefined) {
      const b = backends[0];
      if (!b) return 'refused';
      return this.httpGet(b.ip, b.port, req);
    }
    const handler = this.listeners.get(ip)?.get(port);
    if (handler) return handler(req);
    return this.pods.has(ip) || ip === '127.0.0.1' || ip === this.apiServerIP || ip === this.dnsIP ? 'refused' : 'timeout';
  }

  /** The network as seen from a pod with IP `podIP` in `namespace`. */
  view(podIP: string, namespace: string): NetworkView {
    const d = this.clusterDomain;
    return {
      nameserver: this.dnsIP,
      search: [`${namespace}.svc.${d}`, `svc.${d}`, d],
      podIP,
      lookup: (fqdn) => (fqdn === 'localhost' ? ['127.0.0.1'] : this.lookup(fqdn)),
      reverse: (ip) => this.reverse(ip),
      httpGet: (ip, port, r) => {
        const target = ip === '127.0.0.1' ? podIP : ip;
        return this.httpGet(target, port, { ...r, clientIP: ip === '127.0.0.1' ? '127.0.0.1' : podIP });
      },
      pingable: (ip) => ip === '127.0.0.1' || this.pods.has(ip),
      listen: (port, handler) => {
        let ports = this.listeners.get(podIP);
        if (!ports) this.listeners.set(podIP, (ports = new Map()));
        ports.set(port, handler);
        return () => {
          if (this.listeners.get(podIP)?.get(port) === handler) ports.delete(port);
        };
      },
    };
  }
}

/**
 * Resolves a name the way glibc and musl do with a Kubernetes resolv.conf (`ndots:5`): names with
 * fewer than five dots try the search domains first, then the name itself.
 */
export function resolveName(net: NetworkView, name: string): { fqdn: string; ips: string[] } | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { fqdn: name, ips: [name] };
  if (name.endsWith('.')) {
    const ips = net.lookup(name.slice(0, -1));
    return ips ? { fqdn: name.slice(0, -1), ips } : undefined;
  }
  const dots = (name.match(/\./g) ?? []).length;
  const candidates = dots >= 5 ? [name, ...net.search.map((s) => `${name}.${s}`)] : [...net.search.map((s) => `${name}.${s}`), name];
  for (const c of candidates) {
    const ips = net.lookup(c);
    if (ips && ips.length > 0) return { fqdn: c, ips };
  }
  return undefined;
}
