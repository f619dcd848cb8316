import type { Binding, EphemeralContainer, KubernetesObject, Pod } from '../api/types.js';
import type { Clock } from '../clock/clock.js';
import { randomSuffix } from '../ids/generate-name.js';
import type { SeededRandom } from '../ids/random.js';
import type { PodREST } from '../registry/pod/rest.js';
import { ResourceClient, type PatchKind, type WriteOptions } from './resource-client.js';

/** What `kubectl debug POD --image=IMG [--target=C] [-c NAME] [-i] [-t]` asks for. */
export interface DebugOptions {
  /** The debug image (`--image`). */
  image: string;
  /** The container whose process namespace to join (`--target`). */
  target?: string;
  /** The ephemeral container's name (`-c`); `debugger-xxxxx` when absent. */
  name?: string;
  /** Keep stdin open (`-i`). */
  stdin?: boolean;
  /** Allocate a TTY (`-t`). */
  tty?: boolean;
  /** The command to run (`-- CMD ARGS`). */
  command?: string[];
  /** `--image-pull-policy`. */
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** `--env`. */
  env?: { name: string; value: string }[];
  /** The field manager to record; kubectl debug sends none, so the apiserver records `kubectl` (its User-Agent). */
  fieldManager?: string;
  /** `--dry-run=server`. */
  dryRun?: boolean;
}

/**
 * The pods client: the verbs plus `pods/status`, `pods/ephemeralcontainers`, `pods/binding`, and a
 * `debug()` that does what `kubectl debug` does.
 */
export class PodClient extends ResourceClient<Pod> {
  constructor(
    rest: PodREST,
    clock: Clock,
    namespace: string,
    private readonly rng: SeededRandom,
  ) {
    super(rest, clock, namespace);
  }

  /** GET pods/NAME/ephemeralcontainers (the whole Pod). */
  getEphemeralContainers(name: string): Pod {
    return this.getSub('ephemeralcontainers', name) as Pod;
  }

  /** PUT pods/NAME/ephemeralcontainers: only `spec.ephemeralContainers` of `pod` is taken. */
  updateEphemeralContainers(pod: Pod, opts: WriteOptions = {}): Pod {
    return this.updateSub('ephemeralcontainers', pod, opts) as Pod;
  }

  /** PATCH pods/NAME/ephemeralcontainers. */
  patchEphemeralContainers(name: string, type: PatchKind, body: unknown, opts: WriteOptions = {}): Pod {
    return this.patchSub('ephemeralcontainers', name, type, body, opts) as Pod;
  }

  /** POST pods/NAME/binding: assigns the pod to a node (what a scheduler does). */
  bind(name: string, nodeName: string, opts: WriteOptions = {}): void {
    const binding: Binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: this.namespace }, target: { kind: 'Node', name: nodeName } };
    const sub = this.rest.subresources['binding'];
    sub!.create!(this.ctx(opts), name, binding as unknown as KubernetesObject);
  }

  /**
   * Adds an ephemeral debug container as `kubectl debug` does: a strategic merge patch of
   * `pods/NAME/ephemeralcontainers` (with `$setElementOrder` once the pod has some), a generated
   * `debugger-xxxxx` name, `terminationMessagePolicy: File` and empty resources. Returns the updated pod.
   */
  debug(name: string, opts: DebugOptions): { pod: Pod; containerName: string } {
    const pod = this.get(name);
    const existing = pod.spec?.ephemeralContainers ?? [];
    const containerName = opts.name ?? `debugger-${randomSuffix(this.rng, 5)}`;
    const ec: EphemeralContainer = { name: containerName, image: opts.image, resources: {}, terminationMessagePolicy: 'File' };
    if (opts.command) ec.command = opts.command;
    if (opts.env) ec.env = opts.env;
    if (opts.imagePullPolicy) ec.imagePullPolicy = opts.imagePullPolicy;
    if (opts.stdin) ec.stdin = true;
    if (opts.tty) ec.tty = true;
    if (opts.target) ec.targetContainerName = opts.target;
    const spec: Record<string, unknown> = { ephemeralContainers: [ec] };
    if (existing.length > 0) spec['$setElementOrder/ephemeralContainers'] = [...existing.map((c) => ({ name: c.name })), { name: containerName }];
    const updated = this.patchEphemeralContainers(name, 'strategic', { spec }, { fieldManager: opts.fieldManager ?? 'kubectl', ...(opts.dryRun ? { dryRun: true } : {}) });
    return { pod: updated, containerName };
  }
}
