/**
 * Probes and lifecycle hooks of a container: `validateLivenessProbe`, `validateReadinessProbe`,
 * `validateStartupProbe`, `validateProbe`, `validateHandler` and `validateLifecycle` of core validation,
 * with the action checks (exec, httpGet, tcpSocket, grpc, sleep) and `ValidatePortNumOrName`.
 */
import type { HTTPGetAction, Lifecycle, LifecycleHandler, Probe } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field/path.js';
import { forbidden, invalid, notSupported, required, type FieldError } from '../field/errors.js';
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from './names.js';
import { validateNonnegativeField } from './object-meta.js';
import type { PodValidationOptions } from './options.js';

/** `ValidatePortNumOrName`: an IntOrString port is 1..65535 or an IANA service name. */
export function validatePortNumOrName(port: number | string | undefined, path: FieldPath): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((msg) => invalid(path, port, msg));
  const n = port ?? 0;
  return isValidPortNum(n).map((msg) => invalid(path, n, msg));
}

function validateHTTPGetAction(http: HTTPGetAction, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!http.path) errs.push(required(path.child('path')));
  errs.push(...validatePortNumOrName(http.port as number | string | undefined, path.child('port')));
  const scheme = http.scheme ?? '';
  if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(path.child('scheme'), scheme, ['HTTP', 'HTTPS']));
  for (const header of http.httpHeaders ?? []) {
    errs.push(...isHTTPHeaderName(header.name).map((msg) => invalid(path.child('httpHeaders'), header.name, msg)));
  }
  return errs;
}

/** The handler fields probes and hooks share (`commonHandler`): probes have grpc, hooks have sleep. */
interface CommonHandler {
  exec?: { command?: string[] } | undefined;
  httpGet?: HTTPGetAction | undefined;
  tcpSocket?: { port?: number | string } | undefined;
  grpc?: { port?: number } | undefined;
  sleep?: { seconds?: number } | undefined;
}

function validateSleep(seconds: number, gracePeriod: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  // A missing grace period is reported elsewhere; nothing to compare with here.
  if (gracePeriod === undefined) return [];
  if (opts.allowPodLifecycleSleepActionZeroValue) {
    if (seconds < 0 || seconds > gracePeriod) {
      return [invalid(path, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`)];
    }
  } else if (seconds <= 0 || seconds > gracePeriod) {
    return [invalid(path, seconds, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`)];
  }
  return [];
}

/** `validateHandler`: exactly one action, checked in exec, httpGet, tcpSocket, grpc, sleep order. */
function validateHandler(handler: CommonHandler, gracePeriod: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  let numHandlers = 0;
  const one = (key: keyof CommonHandler, check: () => FieldError[]): void => {
    if (!handler[key]) return;
    if (numHandlers > 0) errs.push(forbidden(path.child(key), 'may not specify more than 1 handler type'));
    else {
      numHandlers++;
      errs.push(...check());
    }
  };
  one('exec', () => ((handler.exec?.command ?? []).length === 0 ? [required(path.child('exec').child('command'))] : []));
  one('httpGet', () => validateHTTPGetAction(handler.httpGet!, path.child('httpGet')));
  one('tcpSocket', () => validatePortNumOrName(handler.tcpSocket?.port, path.child('tcpSocket').child('port')));
  one('grpc', () => validatePortNumOrName(handler.grpc?.port ?? 0, path.child('grpc').child('port')));
  one('sleep', () => validateSleep(handler.sleep?.seconds ?? 0, gracePeriod, path.child('sleep'), opts));
  if (numHandlers === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

/** `validateProbe`: the handler (no sleep for probes), non-negative timings, a positive probe grace period. */
function validateProbe(probe: Probe, gracePeriod: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const { exec, httpGet, tcpSocket, grpc } = probe as CommonHandler;
  const errs = validateHandler({ exec, httpGet, tcpSocket, grpc }, gracePeriod, path, opts);
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...validateNonnegativeField(probe[key] ?? 0, path.child(key)));
  }
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  return errs;
}

/** `validateLivenessProbe`: a probe whose successThreshold must be 1. */
export function validateLivenessProbe(probe: Probe | undefined, gracePeriod: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path, opts);
  if ((probe.successThreshold ?? 0) !== 1) errs.push(invalid(path.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  return errs;
}

/** `validateReadinessProbe`: a probe without its own terminationGracePeriodSeconds. */
export function validateReadinessProbe(probe: Probe | undefined, gracePeriod: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path, opts);
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

/** `validateStartupProbe`: a probe whose successThreshold must be 1. */
export function validateStartupProbe(probe: Probe | undefined, gracePeriod: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  return validateLivenessProbe(probe, gracePeriod, path, opts);
}

/** `validateLifecycle`: postStart then preStop handlers (exec, httpGet, tcpSocket, sleep). */
export function validateLifecycle(lifecycle: Lifecycle, gracePeriod: number | undefined, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['postStart', 'preStop'] as const) {
    const h: LifecycleHandler | undefined = lifecycle[key];
    if (!h) continue;
    const { exec, httpGet, tcpSocket, sleep } = h as CommonHandler;
    errs.push(...validateHandler({ exec, httpGet, tcpSocket, sleep }, gracePeriod, path.child(key), opts));
  }
  return errs;
}
