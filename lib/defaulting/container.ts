/**
 * API defaults for one container (init, regular or ephemeral), as the generated defaulter
 * `SetObjectDefaults_Pod` applies them to each: `SetDefaults_Container` / `SetDefaults_EphemeralContainer`,
 * then the declarative `+default` of ports, `SetDefaults_ObjectFieldSelector` on env fieldRefs,
 * `SetDefaults_ResourceList` on limits and requests, `SetDefaults_Probe` and `SetDefaults_HTTPGetAction`
 * (probes and lifecycle handlers) and the grpc `service` default.
 * Ports `pkg/apis/core/v1/defaults.go` and `zz_generated.defaults.go` (v1.32).
 *
 * Every function mutates its argument: pass a mutable copy or an immer draft, never a frozen object.
 */
import type { HTTPGetAction } from 'kubernetes-types/core/v1.js';
import type { Container, EphemeralContainer, Probe } from '../api/types.js';
import { Quantity, tryParseQuantity } from '../api/quantity.js';
import { parseImageName } from './image-reference.js';

/** `v1.TerminationMessagePathDefault` */
export const TERMINATION_MESSAGE_PATH_DEFAULT = '/dev/termination-log';

/** A resource list (`limits`, `requests`, `overhead`) as it appears in JSON. */
export type ResourceList = Record<string, string>;

/**
 * `SetDefaults_ResourceList`: every quantity rounded up to milli precision (`0.0001` → `1m`), written in
 * canonical form. Unparseable values are left for validation to report.
 */
export function setDefaultsResourceList(list: ResourceList | undefined): void {
  if (!list) return;
  for (const [name, value] of Object.entries(list)) {
    const q = tryParseQuantity(value);
    if (!q) continue;
    list[name] = Quantity.fromNanos(q.scaledValue(-3) * 1_000_000n, q.format).toString();
  }
}

/** `SetDefaults_HTTPGetAction`: path `/`, scheme `HTTP`. */
export function setDefaultsHTTPGetAction(action: HTTPGetAction): void {
  if (!action.path) action.path = '/';
  if (!action.scheme) action.scheme = 'HTTP';
}

/** `SetDefaults_Probe` plus the defaults of its handler (httpGet path/scheme, grpc service ""). */
export function setDefaultsProbe(probe: Probe): void {
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  if (probe.httpGet) setDefaultsHTTPGetAction(probe.httpGet);
  // GRPCAction.Service is `+default=""`: a nil pointer becomes the empty string.
  if (probe.grpc && (probe.grpc.service === undefined || probe.grpc.service === null)) probe.grpc.service = '';
}

/**
 * The pull policy the apiserver gives a container without one: `Always` when the image's tag is
 * `latest` (an image with neither tag nor digest counts as `latest`), else `IfNotPresent` — also for
 * images that do not parse.
 */
export function defaultImagePullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return parseImageName(image ?? '')?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/**
 * All defaults of one container, in the order the generated defaulter applies them
 * (`SetDefaults_Container` first). Applies to ephemeral containers unchanged (`SetDefaults_EphemeralContainer`).
 */
export function setDefaultsContainer(c: Container | EphemeralContainer): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultImagePullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = TERMINATION_MESSAGE_PATH_DEFAULT;
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const port of c.ports ?? []) {
    if (!port.protocol) port.protocol = 'TCP';
  }
  for (const env of c.env ?? []) {
    const fieldRef = env.valueFrom?.fieldRef;
    if (fieldRef && !fieldRef.apiVersion) fieldRef.apiVersion = 'v1';
  }
  if (c.resources) {
    setDefaultsResourceList(c.resources.limits as ResourceList | undefined);
    setDefaultsResourceList(c.resources.requests as ResourceList | undefined);
  }
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (probe) setDefaultsProbe(probe);
  }
  for (const handler of [c.lifecycle?.postStart, c.lifecycle?.preStop]) {
    if (handler?.httpGet) setDefaultsHTTPGetAction(handler.httpGet);
  }
}
