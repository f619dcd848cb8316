/**
 * The node's container runtime as the kubelet sees it through the CRI (containerd 1.7 with runc 1.2):
 * pod sandboxes, containers created from pulled images and started as simulated processes on the clock,
 * `StopContainer` with a grace period (stop signal, then SIGKILL), exit codes and reasons, termination
 * messages, per-instance logs, `exec`, and an event for every state change (what PLEG relisting reports).
 */
import type { Container, Pod } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import type { SeededRandom } from '../ids/random.js';
import { ContainerLog } from '../runtime/container-log.js';
import { cloneTree, newDir, type DirNode } from '../runtime/fs/nodes.js';
import { procDir } from '../runtime/fs/proc.js';
import type { ProcessHost } from '../runtime/host.js';
import type { ClusterNetwork } from '../runtime/network.js';
import { PidNamespace } from '../runtime/pid-namespace.js';
import { Process } from '../runtime/process.js';
import { FOREVER, type ExitStatus } from '../runtime/program.js';
import { parseSignal } from '../runtime/signals.js';
import { NULL_INPUT, Pipe, type InputStream, type OutputStream } from '../runtime/streams.js';
import { Tty } from '../runtime/tty.js';
import type { LaunchConfig } from './container-config.js';
import { buildContainerRoot, makeVolume, mountAt } from './container-filesystem.js';
import { resolveProgram, runcStartError, terminationMessage } from './container-process.js';
import { StartError, type ContainerInstance, type Sandbox } from './cri-records.js';
import type { StoredImage } from './image-service.js';
import type { Wait } from './task.js';

export { StartError, type ContainerInstance, type Sandbox } from './cri-records.js';

/** The simulated CRI runtime of one node. */
export class RuntimeService {
  readonly runtimeName = 'containerd';
  private readonly sandboxes = new Map<string, Sandbox>();
  private readonly containers = new Map<string, ContainerInstance>();
  private readonly volumes = new Map<string, Map<string, DirNode>>();
  private lastCreated = 0;

  constructor(
    private readonly clock: Clock,
    private readonly rng: SeededRandom,
    /** Called (synchronously) whenever a container or sandbox of the pod changes state. */
    private readonly changed: (podUID: string) => void,
    private readonly network: ClusterNetwork,
    /** The node's IP: what host-network pods see as theirs. */
    private readonly hostIP = '',
  ) {}

  /** A 64-hex-digit ID, as containerd makes them. */
  private newID(): string {
    return Array.from(this.rng.bytes(32), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** Creation times never tie, so "newest" is always defined (runtimes order by nanoseconds). */
  private creationTime(): number {
    this.lastCreated = Math.max(this.clock.now(), this.lastCreated + 0.001);
    return this.lastCreated;
  }

  sandboxesOf(podUID: string): Sandbox[] {
    return [...this.sandboxes.values()].filter((s) => s.podUID === podUID);
  }

  containersOf(podUID: string): ContainerInstance[] {
    return [...this.containers.values()].filter((c) => c.podUID === podUID);
  }

  container(id: string): ContainerInstance | undefined {
    return this.containers.get(id);
  }

  /** Pod UIDs the runtime still holds anything for. */
  podUIDs(): Set<string> {
    return new Set([...this.sandboxes.values(), ...this.containers.values()].map((x) => x.podUID));
  }

  /** The pod's volume directories (kept across sandboxes, as the kubelet's volume dirs are); throws MountError. */
  podVolumes(pod: Pod): Map<string, DirNode> {
    const uid = pod.metadata?.uid ?? '';
    let vols = this.volumes.get(uid);
    if (!vols) {
      vols = new Map();
      for (const v of pod.spec?.volumes ?? []) vols.set(v.name, makeVolume(pod, v));
      this.volumes.set(uid, vols);
    }
    return vols;
  }

  /** `RunPodSandbox`: the network namespace with its IP, and `/pause` when the pod shares its PID namespace. */
  runPodSandbox(pod: Pod, attempt: number, ip: string): Sandbox {
    const id = this.newID();
    const podUID = pod.metadata?.uid ?? '';
    let sharedPids: PidNamespace | undefined;
    let pause: Process | undefined;
    if (pod.spec?.shareProcessNamespace) {
      sharedPids = new PidNamespace(`pod/${podUID}`);
      const host = this.makeHost(id, 'POD', newDir(), pod, ip, { bounding: 0n, permitted: 0n });
      pause = new Process({
        argv: ['/pause'], env: new Map(), cwd: '/', uid: 65535, gid: 65535, stdin: NULL_INPUT,
        stdout: { write: () => undefined, isTty: false }, stderr: { write: () => undefined, isTty: false }, host, ns: sharedPids,
      });
      pause.start(function* pauseProgram() {
        yield FOREVER;
        return 0;
      });
    }
    const sandbox: Sandbox = {
      id, podUID, attempt, state: 'SANDBOX_READY', createdAt: this.creationTime(), ip: pod.spec?.hostNetwork ? '' : ip,
      hostNetwork: pod.spec?.hostNetwork === true, sharedPids, pause,
    };
    this.sandboxes.set(id, sandbox);
    if (sandbox.ip) this.network.addPod(sandbox.ip);
    this.changed(podUID);
    return sandbox;
  }

  /** `StopPodSandbox`: whatever still runs in it is killed and the network is torn down. */
  stopPodSandbox(id: string): void {
    const s = this.sandboxes.get(id);
    if (!s || s.state === 'SANDBOX_NOTREADY') return;
    for (const c of this.containers.values()) if (c.sandboxId === id && c.state === 'running') this.killAll(c);
    s.pause?.signal('KILL', true);
    s.state = 'SANDBOX_NOTREADY';
    if (s.ip) this.network.removePod(s.ip);
    this.changed(s.podUID);
  }

  /** `RemovePodSandbox` (and its containers). */
  removePodSandbox(id: string): void {
    const s = this.sandboxes.get(id);
    if (!s) return;
    this.stopPodSandbox(id);
    for (const c of [...this.containers.values()]) if (c.sandboxId === id) this.containers.delete(c.id);
    this.sandboxes.delete(id);
  }

  /** Forgets a pod entirely (its volumes too), once the kubelet has finished with it. */
  removePod(podUID: string): void {
    for (const s of this.sandboxesOf(podUID)) this.removePodSandbox(s.id);
    for (const c of this.containersOf(podUID)) this.containers.delete(c.id);
    this.volumes.delete(podUID);
  }

  /**
   * `CreateContainer`: a root file system from the image with the kubelet's mounts, and the PID namespace
   * it will run in (the pod's shared one, its target's for an ephemeral container, else its own).
   */
  createContainer(pod: Pod, sandbox: Sandbox, spec: Container, image: StoredImage, launch: LaunchConfig,
    opts: { hash: string; attempt: number; targetContainerId?: string }): ContainerInstance {
    if (launch.argv.length === 0) throw new StartError(`failed to generate container spec: no command specified`);
    const id = this.newID();
    const podIPs = sandbox.ip ? [sandbox.ip] : [];
    const root = buildContainerRoot(pod, spec, cloneTree(image.image.root), this.podVolumes(pod), podIPs);
    const target = opts.targetContainerId ? this.containers.get(opts.targetContainerId) : undefined;
    const pids = sandbox.sharedPids ?? target?.pids ?? new PidNamespace(id);
    mountAt(root, '/proc', procDir(pids, () => this.clock.now(), sandbox.createdAt));
    const host = this.makeHost(id, spec.name, root, pod, sandbox.hostNetwork ? this.hostIP : sandbox.ip, launch.capabilities, sandbox.createdAt);
    const tty = launch.tty ? new Tty() : undefined;
    const stdin = launch.stdin && !tty ? new Pipe() : undefined;
    const c: ContainerInstance = {
      id, podUID: sandbox.podUID, sandboxId: sandbox.id, name: spec.name, attempt: opts.attempt, hash: opts.hash, image, launch,
      spec, root, pids, host, log: new ContainerLog(), onStop: new Set(), stdin, tty, state: 'created', createdAt: this.creationTime(),
    };
    this.containers.set(id, c);
    this.garbageCollect(c);
    this.changed(c.podUID);
    return c;
  }

  /**
   * `StartContainer`: runs the first process. A command the image cannot run makes the container exit at
   * once with 128 / `StartError` and throws containerd's error text (what the kubelet reports).
   */
  startContainer(id: string): void {
    const c = this.containers.get(id);
    if (!c || c.state !== 'created') return;
    const { env, workingDir } = c.launch;
    const prog = resolveProgram(c.root, c.launch, c.image.image.fallbackProgram);
    if ('failure' in prog) {
      const text = runcStartError(prog.failure);
      Object.assign(c, { state: 'exited', startedAt: 0, finishedAt: this.clock.now(), exitCode: 128, reason: 'StartError', message: text });
      this.stopped(c);
      this.changed(c.podUID);
      throw new StartError(text);
    }
    const out: OutputStream = c.tty ? c.tty.output : { write: (d) => c.log.append(this.clock.now(), 'stdout', d), isTty: false };
    const err: OutputStream = c.tty ? c.tty.output : { write: (d) => c.log.append(this.clock.now(), 'stderr', d), isTty: false };
    c.tty?.onOutput((d) => c.log.append(this.clock.now(), 'stdout', d));
    const stdin: InputStream = c.tty ?? c.stdin ?? NULL_INPUT;
    const p = new Process({ argv: prog.argv, env, cwd: workingDir, uid: c.launch.uid, gid: c.launch.gid, stdin, stdout: out, stderr: err, host: c.host, ns: c.pids });
    if (c.tty) {
      c.tty.leader = p;
      c.tty.foreground = [p];
    }
    c.process = p;
    c.state = 'running';
    c.startedAt = this.clock.now();
    p.onExit((s) => this.exited(c, s));
    this.changed(c.podUID);
    p.start(prog.program);
  }

  /**
   * `StopContainer(timeout)`: the image's stop signal to the first process, then SIGKILL to every process
   * of the container when the grace period ends. Ends when the container has exited.
   */
  stopContainer(id: string, graceSeconds: number): Wait<void> {
    return {
      start: (resume) => {
        const c = this.containers.get(id);
        if (!c || c.state !== 'running' || !c.process) {
          resume(undefined);
          return () => undefined;
        }
        const proc = c.process;
        let timer: { cancel(): void } | undefined;
        const off = proc.onExit(() => {
          timer?.cancel();
          resume(undefined);
        });
        if (c.state === 'running') {
          timer = this.clock.setTimer(graceSeconds * 1000, () => this.killAll(c));
          proc.signal(parseSignal(c.launch.stopSignal) ?? 'TERM', true);
        }
        return () => {
          off();
          timer?.cancel();
        };
      },
    };
  }

  /** `RemoveContainer`. */
  removeContainer(id: string): void {
    const c = this.containers.get(id);
    if (!c) return;
    if (c.state === 'running') this.killAll(c);
    this.containers.delete(id);
  }

  /** Starts `argv` inside a running container (probes, hooks, `kubectl exec`); undefined when it cannot run. */
  exec(id: string, argv: readonly string[], io: { stdin?: InputStream; stdout: OutputStream; stderr: OutputStream }): Process | { error: string } {
    const c = this.containers.get(id);
    if (!c || c.state !== 'running') return { error: `container not running (${id})` };
    const prog = resolveProgram(c.root, { ...c.launch, argv: [...argv] });
    if ('failure' in prog) return { error: `OCI runtime exec failed: exec failed: unable to start container process: ${prog.failure}: unknown` };
    const p = new Process({
      argv: prog.argv, env: c.launch.env, cwd: c.launch.workingDir, uid: c.launch.uid, gid: c.launch.gid,
      stdin: io.stdin ?? NULL_INPUT, stdout: io.stdout, stderr: io.stderr, host: c.host, ns: c.pids,
    });
    return p.start(prog.program);
  }

  private exited(c: ContainerInstance, s: ExitStatus): void {
    c.state = 'exited';
    c.finishedAt = this.clock.now();
    c.exitCode = s.code;
    c.reason = s.code === 0 ? 'Completed' : 'Error';
    // The container's cgroup goes with its first process.
    this.killAll(c);
    const message = terminationMessage(c);
    if (message) c.message = message;
    this.stopped(c);
    this.changed(c.podUID);
  }

  private stopped(c: ContainerInstance): void {
    for (const fn of [...c.onStop]) fn();
    c.onStop.clear();
  }

  private killAll(c: ContainerInstance): void {
    for (const p of c.pids.list()) if (p.host === c.host && p.alive) p.signal('KILL', true);
    if (c.process?.alive) c.process.signal('KILL', true);
  }

  /** The container GC's rule: at most one dead instance per container name besides the newest (`MaxPerPodContainer`). */
  private garbageCollect(newest: ContainerInstance): void {
    const same = this.containersOf(newest.podUID).filter((c) => c.name === newest.name).sort((a, b) => b.createdAt - a.createdAt);
    for (const old of same.slice(2)) if (old.state !== 'running') this.containers.delete(old.id);
  }

  private makeHost(id: string, name: string, root: DirNode, pod: Pod, ip: string, capabilities: ProcessHost['capabilities'], bootTime = this.clock.now()): ProcessHost {
    return {
      containerId: id, containerName: name, root, hostname: pod.spec?.hostname || pod.metadata?.name || '',
      clock: this.clock, capabilities, network: this.network.view(ip, pod.metadata?.namespace ?? 'default'), bootTime,
    };
  }
}
