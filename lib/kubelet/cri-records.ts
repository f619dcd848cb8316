/**
 * The records the simulated CRI runtime keeps (CRI `PodSandboxStatus` and `ContainerStatus`, plus what
 * containerd holds for a running container: its root file system, PID namespace, streams and log).
 */
import type { Container } from '../api/types.js';
import type { ContainerLog } from '../runtime/container-log.js';
import type { DirNode } from '../runtime/fs/nodes.js';
import type { ProcessHost } from '../runtime/host.js';
import type { PidNamespace } from '../runtime/pid-namespace.js';
import type { Process } from '../runtime/process.js';
import type { Pipe } from '../runtime/streams.js';
import type { Tty } from '../runtime/tty.js';
import type { LaunchConfig } from './container-config.js';
import type { StoredImage } from './image-service.js';
import type { RuntimeContainerState, SandboxState } from './runtime-state.js';

/** One pod sandbox. */
export interface Sandbox {
  readonly id: string;
  readonly podUID: string;
  readonly attempt: number;
  state: SandboxState;
  readonly createdAt: number;
  readonly ip: string;
  readonly hostNetwork: boolean;
  /** The PID namespace every container shares when the pod sets `shareProcessNamespace` (`/pause` is PID 1). */
  readonly sharedPids: PidNamespace | undefined;
  readonly pause: Process | undefined;
}

/** One container instance: its record, its processes' world and its log. */
export interface ContainerInstance {
  readonly id: string;
  readonly podUID: string;
  readonly sandboxId: string;
  readonly name: string;
  readonly attempt: number;
  readonly hash: string;
  readonly image: StoredImage;
  readonly launch: LaunchConfig;
  readonly spec: Container;
  readonly root: DirNode;
  readonly pids: PidNamespace;
  readonly host: ProcessHost;
  readonly log: ContainerLog;
  /** Called once when the instance stops running (log followers end then). */
  readonly onStop: Set<() => void>;
  /** Where `kubectl attach` writes when the container keeps stdin open, or its terminal. */
  readonly stdin: Pipe | undefined;
  readonly tty: Tty | undefined;
  state: RuntimeContainerState;
  readonly createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
  process?: Process;
}

/** The text of a failed start as containerd reports it (and the kubelet shows it). */
export class StartError extends Error {}
