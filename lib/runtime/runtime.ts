import type { Container, EphemeralContainer, PodSecurityContext } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import type { SeededRandom } from '../ids/random.js';
import { containerCapabilities } from './capabilities.js';
import type { ContainerLog } from './container-log.js';
import { containerArgv, containerRootfs, containerUser, type SandboxConfig } from './container-setup.js';
import { SimContainer, type ExecSession, type RuntimeContainerStatus, type SessionFailure } from './container.js';
import { defaultCatalogue, sha256, type ImageCatalogue } from './images.js';
import { ClusterNetwork } from './network.js';
import { PidNamespace } from './pid-namespace.js';
import type { ProcessIO } from './process-io.js';
import { Process } from './process.js';
import { pauseProgram } from './programs/servers.js';
import type { SignalName } from './signals.js';
import { NULL_INPUT, NULL_OUTPUT } from './streams.js';
import { cloneTree } from './fs/nodes.js';
import type { NetworkView } from './host.js';

export type { SandboxConfig } from './container-setup.js';
export type { RuntimeContainerStatus, ExecSession, SessionFailure } from './container.js';

/** How a runtime is set up. */
export interface ContainerRuntimeOptions {
  readonly clock: Clock;
  readonly catalogue?: ImageCatalogue;
  readonly network?: ClusterNetwork;
  /** For container IDs; without it IDs are derived from a counter. */
  readonly rng?: SeededRandom;
  /** When the node booted (`uptime`); default one hour before the runtime was made. */
  readonly nodeBootTime?: number;
}

/** The outcome of a pull, delivered after its virtual duration. */
export type PullResult =
  | { readonly ok: true; readonly image: string; readonly imageID: string; readonly imageRef: string; readonly sizeBytes: number; readonly durationMs: number }
  | { readonly ok: false; readonly reason: 'ErrImagePull' | 'InvalidImageName'; readonly message: string; readonly durationMs: number };

/** What the kubelet hands over to create a container. */
export interface ContainerConfig {
  /** A regular, init or ephemeral container spec. */
  readonly spec: Container | EphemeralContainer;
  /** The environment the kubelet computed (env, envFrom, service links), in order. */
  readonly env?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** Files to mount, by absolute path (service account token, ConfigMap keys …). */
  readonly files?: Readonly<Record<string, string>>;
  readonly podSecurityContext?: PodSecurityContext;
  /** An ephemeral container's target (its `targetContainerName`, resolved to a container ID). */
  readonly targetContainerId?: string;
  /** Restart count of this container name (the CRI `attempt`). */
  readonly attempt?: number;
}

/** Why a container could not be created (the kubelet's waiting reason and message). */
export interface CreateFailure {
  readonly reason: 'CreateContainerError';
  readonly message: string;
}

interface Sandbox {
  readonly id: string;
  readonly config: SandboxConfig;
  readonly network: NetworkView;
  readonly ns: PidNamespace | undefined;
  readonly containers: Set<string>;
  pause: Process | undefined;
}

/**
 * The simulated container runtime (containerd + runc, seen through the CRI): pulls images from the
 * {@link ImageCatalogue} on the clock, runs pod sandboxes and containers as simulated processes,
 * execs and attaches, stops with STOPSIGNAL then KILL after the grace period, and tells listeners
 * when a container exits — always on a later clock tick, never inside the call that caused it.
 */
export class ContainerRuntime {
  readonly clock: Clock;
  readonly catalogue: ImageCatalogue;
  readonly network: ClusterNetwork;
  private readonly bootTime: number;
  private readonly images = new Set<string>();
  private readonly sandboxes = new Map<string, Sandbox>();
  private readonly containers = new Map<string, SimContainer>();
  private readonly exitListeners = new Set<(status: RuntimeContainerStatus) => void>();
  private counter = 0;

  constructor(private readonly opts: ContainerRuntimeOptions) {
    this.clock = opts.clock;
    this.catalogue = opts.catalogue ?? defaultCatalogue;
    this.network = opts.network ?? new ClusterNetwork();
    this.bootTime = opts.nodeBootTime ?? opts.clock.now() - 3_600_000;
  }

  private newId(): string {
    if (this.opts.rng) return [...this.opts.rng.bytes(32)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return sha256(`container-${++this.counter}`);
  }

  /** Whether `image` has been pulled on this node. */
  hasImage(image: string): boolean {
    const r = this.catalogue.resolve(image);
    return !('reason' in r) && this.images.has(r.ref.normalized);
  }

  /**
   * Pulls `image`; `done` is called after the pull's virtual duration (shorter when the image is
   * already present). Returns a handle to cancel the pull.
   */
  pullImage(image: string, done: (r: PullResult) => void): { cancel(): void } {
    const r = this.catalogue.resolve(image);
    let result: PullResult;
    if ('reason' in r) {
      result = { ok: false, reason: r.reason, message: r.message, durationMs: r.reason === 'InvalidImageName' ? 0 : 650 };
    } else {
      const present = this.images.has(r.ref.normalized);
      result = { ok: true, image: r.ref.normalized, imageID: r.imageID, imageRef: r.id, sizeBytes: r.sizeBytes, durationMs: present ? 320 : r.pullMs };
    }
    const t = this.clock.setTimer(result.durationMs, () => {
      if (result.ok) this.images.add(result.image);
      done(result);
    });
    return { cancel: () => t.cancel() };
  }

  /** Images pulled so far (normalized references). */
  listImages(): string[] {
    return [...this.images].sort();
  }

  /**
   * Creates a pod sandbox: its network identity and, with `shareProcessNamespace`, the PID
   * namespace whose PID 1 is `/pause`. Returns the sandbox ID.
   */
  runPodSandbox(config: SandboxConfig): string {
    const id = this.newId();
    this.network.addPod(config.podIP);
    const network = this.network.view(config.podIP, config.namespace);
    const sb: Sandbox = { id, config, network, ns: undefined, containers: new Set(), pause: undefined };
    if (config.shareProcessNamespace) {
      const ns = new PidNamespace(`pod/${config.uid}`);
      const pauseImage = this.catalogue.resolve('registry.k8s.io/pause:3.10');
      const root = 'reason' in pauseImage ? cloneTree({ kind: 'dir', entries: new Map(), mode: 0o755, uid: 0, gid: 0, mtime: 0 }) : cloneTree(pauseImage.root);
      const host = {
        containerId: id, containerName: 'POD', root, hostname: config.hostname, clock: this.clock,
        capabilities: containerCapabilities(undefined), network, bootTime: this.bootTime,
      };
      sb.pause = new Process({ argv: ['/pause'], env: new Map(), cwd: '/', uid: 65535, gid: 65535, stdin: NULL_INPUT, stdout: NULL_OUTPUT, stderr: NULL_OUTPUT, host, ns });
      sb.pause.start(pauseProgram('3.10'));
      Object.assign(sb, { ns });
    }
    this.sandboxes.set(id, sb);
    return id;
  }

  /** Stops a sandbox: every container is killed, then the sandbox's `/pause`. */
  stopPodSandbox(sandboxId: string): void {
    const sb = this.sandboxes.get(sandboxId);
    if (!sb) return;
    for (const cid of sb.containers) this.containers.get(cid)?.kill('KILL');
    sb.pause?.signal('KILL', true);
    this.network.removePod(sb.config.podIP);
  }

  /** Removes a stopped sandbox and its containers. */
  removePodSandbox(sandboxId: string): void {
    const sb = this.sandboxes.get(sandboxId);
    if (!sb) return;
    this.stopPodSandbox(sandboxId);
    for (const cid of sb.containers) this.containers.delete(cid);
    this.sandboxes.delete(sandboxId);
  }

  /**
   * Creates a container in a sandbox: resolves the image, user, environment, argv (with `$(VAR)`
   * references expanded) and PID namespace — the pod's when shared, the target's for an ephemeral
   * container with `targetContainerId`, else its own.
   */
  createContainer(sandboxId: string, config: ContainerConfig): { containerId: string } | CreateFailure {
    const sb = this.sandboxes.get(sandboxId);
    if (!sb) return { reason: 'CreateContainerError', message: `rpc error: code = NotFound desc = failed to get sandbox "${sandboxId}": not found` };
    const spec = config.spec;
    const image = this.catalogue.resolve(spec.image ?? '');
    const id = this.newId();
    if ('reason' in image) return { reason: 'CreateContainerError', message: image.message };
    const target = config.targetContainerId ? this.containers.get(config.targetContainerId) : undefined;
    const ns = sb.ns ?? (target?.main?.alive ? target.parts.ns : new PidNamespace(id));
    const user = containerUser(spec, config.podSecurityContext, image.config, image.root);
    const env = new Map<string, string>();
    for (const e of image.config.env ?? []) {
      const i = e.indexOf('=');
      env.set(i < 0 ? e : e.slice(0, i), i < 0 ? '' : e.slice(i + 1));
    }
    env.set('HOSTNAME', sb.config.hostname);
    for (const e of config.env ?? []) env.set(e.name, e.value);
    if (spec.tty && !env.has('TERM')) env.set('TERM', 'xterm');
    if (!env.has('HOME')) env.set('HOME', user.home);
    const argv = containerArgv(spec, image.config, env);
    if (argv.length === 0) {
      return { reason: 'CreateContainerError', message: `failed to generate container "${id}" spec: failed to generate spec: no command specified` };
    }
    const cwd = spec.workingDir || image.config.workingDir || '/';
    const now = (): number => this.clock.now();
    const root = containerRootfs({
      image: image.root, ns, now, bootTime: this.bootTime, sandbox: sb.config, clusterDomain: this.network.clusterDomain,
      nameserver: sb.network.nameserver, search: sb.network.search, terminationMessagePath: spec.terminationMessagePath ?? '/dev/termination-log',
      workingDir: cwd, files: config.files ?? {},
    });
    const host = {
      containerId: id, containerName: spec.name, root, hostname: sb.config.hostname, clock: this.clock,
      capabilities: containerCapabilities(spec.securityContext), network: sb.network, bootTime: this.bootTime,
    };
    const c = new SimContainer({
      id, sandboxId, spec, attempt: config.attempt ?? 0, image, root, host, ns, argv, env, cwd, uid: user.uid, gid: user.gid,
      onExit: (done) => {
        const st = done.status();
        this.clock.setTimer(0, () => {
          for (const l of [...this.exitListeners]) l(st);
        });
      },
    });
    this.containers.set(id, c);
    sb.containers.add(id);
    return { containerId: id };
  }

  /**
   * Starts a created container. When its command cannot be executed the container ends with
   * `StartError` (exit 128) and the kubelet gets `RunContainerError` with runc's message.
   */
  startContainer(containerId: string): { ok: true } | { ok: false; reason: 'RunContainerError'; message: string } {
    const c = this.containers.get(containerId);
    if (!c) return { ok: false, reason: 'RunContainerError', message: `rpc error: code = NotFound desc = an error occurred when try to find container "${containerId}": not found` };
    const r = c.start();
    return r.ok ? r : { ok: false, reason: 'RunContainerError', message: r.message };
  }

  /** Stops a container: STOPSIGNAL (or TERM), then KILL after `gracePeriodMs`. */
  stopContainer(containerId: string, gracePeriodMs: number): void {
    this.containers.get(containerId)?.stop(gracePeriodMs);
  }

  /** Sends a signal to a container's main process; false if it is not running. */
  killContainer(containerId: string, signal: SignalName): boolean {
    return this.containers.get(containerId)?.kill(signal) ?? false;
  }

  /** Forgets an exited container (its log goes with it). */
  removeContainer(containerId: string): void {
    const c = this.containers.get(containerId);
    if (!c) return;
    c.kill('KILL');
    this.containers.delete(containerId);
    for (const sb of this.sandboxes.values()) sb.containers.delete(containerId);
  }

  containerStatus(containerId: string): RuntimeContainerStatus | undefined {
    return this.containers.get(containerId)?.status();
  }

  /** Containers, optionally of one sandbox, oldest first. */
  listContainers(sandboxId?: string): RuntimeContainerStatus[] {
    return [...this.containers.values()].filter((c) => sandboxId === undefined || c.parts.sandboxId === sandboxId).map((c) => c.status());
  }

  /** The log of a container instance. */
  logs(containerId: string): ContainerLog | undefined {
    return this.containers.get(containerId)?.log;
  }

  /** A file inside a container (for `terminationMessagePath`). */
  readFile(containerId: string, path: string): string | undefined {
    return this.containers.get(containerId)?.readFile(path);
  }

  /** The container object itself (tests, the HTTP door's exec plumbing). */
  container(containerId: string): SimContainer | undefined {
    return this.containers.get(containerId);
  }

  /**
   * Runs a command in a running container. An executable that is not there gives `ExecFailed` with
   * the runtime's message and exit code 126 (kubectl: `command terminated with exit code 126`).
   */
  exec(containerId: string, command: readonly string[], opts: { stdin?: boolean; tty?: boolean } = {}): ExecSession | SessionFailure {
    const c = this.containers.get(containerId);
    if (!c) return { error: 'NotFound', message: `container "${containerId}" not found` };
    return c.exec(command, opts);
  }

  /** Attaches to a running container's main process. */
  attach(containerId: string, opts: { stdin?: boolean } = {}): ProcessIO | SessionFailure {
    const c = this.containers.get(containerId);
    if (!c) return { error: 'NotFound', message: `container "${containerId}" not found` };
    return c.attach(opts);
  }

  /** Calls `fn` (on a later clock tick) each time a container exits or fails to start. */
  onContainerExit(fn: (status: RuntimeContainerStatus) => void): () => void {
    this.exitListeners.add(fn);
    return () => this.exitListeners.delete(fn);
  }
}
