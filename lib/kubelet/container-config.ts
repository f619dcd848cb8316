/**
 * What a container is started with: the kubelet's `GenerateRunContainerOptions` / `makeEnvironmentVariables`
 * (env from values, `$(VAR)` expansion, field and resource references, the `kubernetes` Service variables),
 * `ExpandContainerCommandAndArgs`, and containerd's merge with the image config (entrypoint/cmd, env,
 * working directory, user, capabilities).
 */
import type { Container, EnvVar, Pod } from '../api/types.js';
import { Quantity, tryParseQuantity } from '../api/quantity.js';
import { containerCapabilities } from '../runtime/capabilities.js';
import type { CapabilitySets } from '../runtime/host.js';
import type { ImageConfig } from '../runtime/images.js';
import { formatPod } from './backoff.js';

/** What the runtime needs to start a container's first process. */
export interface LaunchConfig {
  readonly argv: string[];
  readonly env: Map<string, string>;
  readonly workingDir: string;
  readonly uid: number;
  readonly gid: number;
  readonly capabilities: CapabilitySets;
  readonly tty: boolean;
  readonly stdin: boolean;
  readonly stdinOnce: boolean;
  /** The image's STOPSIGNAL (TERM when it sets none). */
  readonly stopSignal: string;
}

/** Node facts env references resolve against. */
export interface ConfigContext {
  readonly nodeName: string;
  readonly hostIP: string;
  readonly podIPs: readonly string[];
  readonly nodeAllocatable: Readonly<Record<string, string>>;
}

/** The variables of the `kubernetes` Service in `default`, which every container gets (`getServiceEnvVarMap`). */
export const KUBERNETES_SERVICE_ENV: readonly (readonly [string, string])[] = [
  ['KUBERNETES_SERVICE_HOST', '10.96.0.1'], ['KUBERNETES_SERVICE_PORT', '443'], ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
  ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'], ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
  ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'], ['KUBERNETES_PORT_443_TCP_PORT', '443'], ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
];

/** `$(VAR)` expansion (`third_party/forked/golang/expansion`): `$$` is a literal `$`, unknown names stay as written. */
export function expandVars(input: string, vars: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      out += vars.has(name) ? vars.get(name)! : `$(${name})`;
      i = close;
    } else out += ch;
  }
  return out;
}

/** Why a container cannot be configured (`CreateContainerConfigError`). */
export class ContainerConfigError extends Error {}

/** The value of one env var from its source (`podFieldSelectorRuntimeValue`, `containerResourceRuntimeValue`). */
function envValue(pod: Pod, container: Container, v: EnvVar, ctx: ConfigContext, vars: ReadonlyMap<string, string>): string | undefined {
  if (v.value !== undefined) return expandVars(v.value, vars);
  const src = v.valueFrom;
  if (!src) return '';
  if (src.fieldRef) {
    const m = pod.metadata ?? {};
    const path = src.fieldRef.fieldPath;
    const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
    if (keyed) return (keyed[1] === 'labels' ? m.labels : m.annotations)?.[keyed[2]!] ?? '';
    switch (path) {
      case 'metadata.name': return m.name ?? '';
      case 'metadata.namespace': return m.namespace ?? '';
      case 'metadata.uid': return m.uid ?? '';
      case 'spec.nodeName': return ctx.nodeName;
      case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
      case 'status.hostIP': case 'status.hostIPs': return ctx.hostIP;
      case 'status.podIP': return ctx.podIPs[0] ?? '';
      case 'status.podIPs': return ctx.podIPs.join(',');
      default: throw new ContainerConfigError(`unsupported fieldPath: ${path}`);
    }
  }
  if (src.resourceFieldRef) {
    const r = src.resourceFieldRef.resource;
    const [kind, name] = r.split('.') as [string, string];
    const target = src.resourceFieldRef.containerName
      ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === src.resourceFieldRef!.containerName) ?? container
      : container;
    const set = kind === 'limits' ? target.resources?.limits : target.resources?.requests;
    const raw = set?.[name] ?? (kind === 'limits' ? ctx.nodeAllocatable[name] : undefined) ?? '0';
    const q = tryParseQuantity(String(raw)) ?? Quantity.zero;
    const divisor = tryParseQuantity(String(src.resourceFieldRef.divisor ?? '1')) ?? Quantity.fromInt(1);
    const n = divisor.nanos === 0n ? 0n : (q.nanos + divisor.nanos - 1n) / divisor.nanos;
    return String(n);
  }
  const ref = src.configMapKeyRef ?? src.secretKeyRef;
  if (ref) {
    // ConfigMaps and Secrets are not served: a required reference cannot be resolved.
    if (ref.optional) return undefined;
    throw new ContainerConfigError(`${src.configMapKeyRef ? 'configmap' : 'secret'} "${ref.name ?? ''}" not found`);
  }
  return '';
}

/** The user an image's `USER` names, looked up in the image's /etc/passwd (numeric ids are taken as they are). */
export function imageUser(user: string | undefined, passwd: string | undefined): { uid: number; gid: number } | undefined {
  if (!user) return { uid: 0, gid: 0 };
  const [u, g] = user.split(':') as [string, string | undefined];
  const line = (passwd ?? '').split('\n').map((l) => l.split(':')).find((f) => f[0] === u || f[2] === u);
  const uid = /^\d+$/.test(u) ? Number(u) : line ? Number(line[2]) : undefined;
  if (uid === undefined) return undefined;
  const gid = g !== undefined && /^\d+$/.test(g) ? Number(g) : line ? Number(line[3]) : 0;
  return { uid, gid };
}

/**
 * The launch config of a container (`generateContainerConfig` + containerd's `WithProcessArgs`, `WithEnv`,
 * `WithUser`): throws {@link ContainerConfigError} with the message the kubelet reports.
 */
export function generateLaunchConfig(pod: Pod, container: Container, image: { readonly config: ImageConfig }, ctx: ConfigContext, passwd?: string): LaunchConfig {
  const vars = new Map<string, string>();
  for (const v of container.env ?? []) {
    const value = envValue(pod, container, v, ctx, vars);
    if (value !== undefined) vars.set(v.name, value);
  }
  const env = new Map<string, string>();
  for (const e of image.config.env ?? []) {
    const i = e.indexOf('=');
    if (i > 0) env.set(e.slice(0, i), e.slice(i + 1));
  }
  env.set('HOSTNAME', pod.spec?.hostname ?? pod.metadata?.name ?? '');
  for (const [k, v] of vars) env.set(k, v);
  for (const [k, v] of KUBERNETES_SERVICE_ENV) if (!vars.has(k)) env.set(k, v);
  const command = (container.command ?? []).map((s) => expandVars(s, vars));
  const args = (container.args ?? []).map((s) => expandVars(s, vars));
  // containerd: a command replaces the entrypoint and drops the image cmd; args alone replace the cmd.
  const argv = command.length > 0 ? [...command, ...args]
    : [...(image.config.entrypoint ?? []), ...(args.length > 0 ? args : image.config.cmd ?? [])];
  const sc = container.securityContext;
  const psc = pod.spec?.securityContext;
  const fromImage = imageUser(image.config.user, passwd) ?? { uid: 0, gid: 0 };
  const uid = sc?.runAsUser ?? psc?.runAsUser ?? fromImage.uid;
  const gid = sc?.runAsGroup ?? psc?.runAsGroup ?? fromImage.gid;
  if ((sc?.runAsNonRoot ?? psc?.runAsNonRoot) && uid === 0) {
    throw new ContainerConfigError(`container has runAsNonRoot and image will run as root (pod: "${formatPod(pod)}", container: ${container.name})`);
  }
  return {
    argv, env, workingDir: container.workingDir || image.config.workingDir || '/', uid, gid,
    capabilities: uid === 0 ? containerCapabilities(sc) : { ...containerCapabilities(sc), permitted: 0n },
    tty: container.tty === true, stdin: container.stdin === true, stdinOnce: container.stdinOnce === true,
    stopSignal: image.config.stopSignal ?? 'TERM',
  };
}
