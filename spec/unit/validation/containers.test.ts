import type { Draft } from 'immer';
import type { Container, Pod } from '../../../lib/api/types.js';
import { errorText } from '../../../lib/field/errors.js';
import { validatePodCreate } from '../../../lib/validation/pod.js';
import { podValidationOptions } from '../../../lib/validation/options.js';
import { makeContainer, makePod, setContainers, setInitContainers, setVolumes, type ContainerTweak } from '../../support/make-pod.js';

/** Errors of creating a pod whose only container got `tweaks`. */
const withContainer = (...tweaks: ContainerTweak[]): string[] => validatePodCreate(makePod('pod', setContainers(makeContainer('ctr', ...tweaks)))).map(errorText);
const c0 = 'spec.containers[0]';

describe('validateContainerCommon', () => {
  it('accepts the default container', () => {
    expect(withContainer()).toEqual([]);
  });

  it('requires a name', () => {
    expect(withContainer((c) => { c.name = ''; })).toEqual([`${c0}.name: Required value`]);
  });

  it('requires a DNS-1123 label as name, saying "must not contain dots" for a subdomain', () => {
    expect(withContainer((c) => { c.name = 'a.b'; })).toEqual([`${c0}.name: Invalid value: "a.b": must not contain dots`]);
  });

  it('requires an image; whitespace around it is a separate pod-only error', () => {
    expect(withContainer((c) => { c.image = ''; })).toEqual([`${c0}.image: Required value`]);
    expect(withContainer((c) => { c.image = ' image'; })).toEqual([`${c0}.image: Invalid value: " image": must not have leading or trailing whitespace`]);
  });

  it('requires a known terminationMessagePolicy (list in Go order)', () => {
    expect(withContainer((c) => { c.terminationMessagePolicy = ''; })).toEqual([`${c0}.terminationMessagePolicy: Required value`]);
    expect(withContainer((c) => { c.terminationMessagePolicy = 'X'; })).toEqual([`${c0}.terminationMessagePolicy: Unsupported value: "X": supported values: "File", "FallbackToLogsOnError"`]);
  });

  it('requires a known imagePullPolicy (sorted list)', () => {
    expect(withContainer((c) => { c.imagePullPolicy = ''; })).toEqual([`${c0}.imagePullPolicy: Required value`]);
    expect(withContainer((c) => { c.imagePullPolicy = 'Sometimes'; })).toEqual([`${c0}.imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`]);
  });
});

describe('container ports', () => {
  it('requires containerPort and protocol', () => {
    expect(withContainer((c) => { c.ports = [{ containerPort: 0 }]; })).toEqual([`${c0}.ports[0].containerPort: Required value`, `${c0}.ports[0].protocol: Required value`]);
  });

  it('checks port ranges', () => {
    expect(withContainer((c) => { c.ports = [{ containerPort: 70000, hostPort: -1, protocol: 'TCP' }]; })).toEqual([
      `${c0}.ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive`,
      `${c0}.ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive`,
    ]);
  });

  it('accepts only TCP, UDP and SCTP', () => {
    expect(withContainer((c) => { c.ports = [{ containerPort: 80, protocol: 'HTTP' }]; })).toEqual([`${c0}.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`]);
  });

  it('requires unique, valid port names', () => {
    expect(withContainer((c) => { c.ports = [{ name: 'web', containerPort: 80, protocol: 'TCP' }, { name: 'web', containerPort: 81, protocol: 'TCP' }]; })).toEqual([`${c0}.ports[1].name: Duplicate value: "web"`]);
    expect(withContainer((c) => { c.ports = [{ name: '80', containerPort: 80, protocol: 'TCP' }]; })).toEqual([`${c0}.ports[0].name: Invalid value: "80": must contain at least one letter (a-z)`]);
  });

  it('refuses the same hostPort twice across containers', () => {
    const port = { containerPort: 80, hostPort: 8080, protocol: 'TCP' };
    const pod = makePod('pod', setContainers(makeContainer('a', (c) => { c.ports = [port]; }), makeContainer('b', (c) => { c.ports = [port]; })));
    expect(validatePodCreate(pod).map(errorText)).toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
  });
});

describe('container env', () => {
  it('requires a name', () => {
    expect(withContainer((c) => { c.env = [{ name: '' }]; })).toEqual([`${c0}.env[0].name: Required value`]);
  });

  it('uses the relaxed name rule of v1.32 (printable ASCII except =)', () => {
    expect(withContainer((c) => { c.env = [{ name: '1-weird.name!' }]; })).toEqual([]);
    expect(withContainer((c) => { c.env = [{ name: 'A=B' }]; })).toEqual([`${c0}.env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`]);
  });

  it('needs exactly one valueFrom source and no value beside it', () => {
    expect(withContainer((c) => { c.env = [{ name: 'A', valueFrom: {} }]; })).toEqual([`${c0}.env[0].valueFrom: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\` or \`secretKeyRef\``]);
    expect(withContainer((c) => { c.env = [{ name: 'A', value: 'x', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }]; })).toEqual([`${c0}.env[0].valueFrom: Invalid value: "": may not be specified when \`value\` is not empty`]);
  });

  it('offers only the env downward-API fields', () => {
    expect(withContainer((c) => { c.env = [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } } }]; })).toEqual([
      `${c0}.env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"`,
    ]);
  });

  it('reports unconvertible field paths', () => {
    expect(withContainer((c) => { c.env = [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nope' } } }]; })).toEqual([
      `${c0}.env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.nope": error converting fieldPath: field label not supported: spec.nope`,
    ]);
  });

  it('requires a key in key selectors', () => {
    expect(withContainer((c) => { c.env = [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: '' } } }]; })).toEqual([`${c0}.env[0].valueFrom.configMapKeyRef.key: Required value`]);
  });

  it('needs one envFrom source (reported at the list)', () => {
    expect(withContainer((c) => { c.envFrom = [{}]; })).toEqual([`${c0}.envFrom: Invalid value: "": must specify one of: \`configMapRef\` or \`secretRef\``]);
  });
});

describe('container resources', () => {
  it('keeps requests at or below limits (reported at requests)', () => {
    expect(withContainer((c) => { c.resources = { limits: { cpu: '100m' }, requests: { cpu: '200m' } }; })).toEqual([`${c0}.resources.requests: Invalid value: "200m": must be less than or equal to cpu limit of 100m`]);
  });

  it('accepts only standard or extended resource names', () => {
    expect(withContainer((c) => { c.resources = { limits: { gpu: '1' } }; })).toEqual([
      `${c0}.resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified`,
      `${c0}.resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers`,
    ]);
  });

  it('rejects negative quantities', () => {
    expect(withContainer((c) => { c.resources = { requests: { memory: '-1Mi' } }; })).toEqual([`${c0}.resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0`]);
  });

  it('needs equal request and limit for extended resources, and whole numbers', () => {
    expect(withContainer((c) => { c.resources = { limits: { 'example.com/gpu': '2' }, requests: { 'example.com/gpu': '1' } }; })).toEqual([`${c0}.resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2`]);
    expect(withContainer((c) => { c.resources = { requests: { 'example.com/gpu': '1' } }; })).toEqual([`${c0}.resources.limits: Required value: Limit must be set for non overcommitable resources`]);
    expect(withContainer((c) => { c.resources = { limits: { 'example.com/gpu': '500m' }, requests: { 'example.com/gpu': '500m' } }; })).toContain(`${c0}.resources.limits[example.com/gpu]: Invalid value: 500m: must be an integer`);
  });

  it('requires cpu or memory beside hugepages', () => {
    expect(withContainer((c) => { c.resources = { limits: { 'hugepages-2Mi': '4Mi' }, requests: { 'hugepages-2Mi': '4Mi' } }; })).toEqual([`${c0}.resources: Forbidden: HugePages require cpu or memory`]);
  });

  it('requires hugepages in whole pages', () => {
    expect(withContainer((c) => { c.resources = { limits: { memory: '1Gi', 'hugepages-2Mi': '3Mi' }, requests: { memory: '1Gi', 'hugepages-2Mi': '3Mi' } }; })).toEqual([
      `${c0}.resources.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi`,
      `${c0}.resources.requests[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi`,
    ]);
  });
});

describe('volume mounts and devices', () => {
  const volumes = setVolumes({ name: 'vol', emptyDir: {} }, { name: 'blk', persistentVolumeClaim: { claimName: 'pvc' } });
  const mountPod = (...tweaks: ContainerTweak[]): string[] => validatePodCreate(makePod('pod', volumes, setContainers(makeContainer('ctr', ...tweaks)))).map(errorText);

  it('must name a pod volume', () => {
    expect(mountPod((c) => { c.volumeMounts = [{ name: 'nope', mountPath: '/x' }]; })).toEqual([`${c0}.volumeMounts[0].name: Not found: "nope"`]);
  });

  it('requires unique mount paths', () => {
    expect(mountPod((c) => { c.volumeMounts = [{ name: 'vol', mountPath: '/x' }, { name: 'vol', mountPath: '/x' }]; })).toEqual([`${c0}.volumeMounts[1].mountPath: Invalid value: "/x": must be unique`]);
  });

  it('reports subPath content errors without an index (Go quirk)', () => {
    expect(mountPod((c) => { c.volumeMounts = [{ name: 'vol', mountPath: '/x', subPath: '/abs' }]; })).toEqual([`${c0}.volumeMounts.subPath: Invalid value: "/abs": must be a relative path`]);
  });

  it('makes subPath and subPathExpr mutually exclusive', () => {
    expect(mountPod((c) => { c.volumeMounts = [{ name: 'vol', mountPath: '/x', subPath: 'a', subPathExpr: 'b' }]; })).toEqual([`${c0}.volumeMounts[0].subPathExpr: Invalid value: "b": subPathExpr and subPath are mutually exclusive`]);
  });

  it('allows Bidirectional propagation only for privileged containers', () => {
    expect(mountPod((c) => { c.volumeMounts = [{ name: 'vol', mountPath: '/x', mountPropagation: 'Bidirectional' }]; })).toEqual([`${c0}.volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers`]);
  });

  it('needs a PVC-backed volume for a device', () => {
    expect(mountPod((c) => { c.volumeDevices = [{ name: 'vol', devicePath: '/dev/x' }]; })).toEqual([`${c0}.volumeDevices[0].name: Invalid value: "vol": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode`]);
    expect(mountPod((c) => { c.volumeDevices = [{ name: 'blk', devicePath: '/dev/x' }]; })).toEqual([]);
  });

  it('may not mount and attach the same volume', () => {
    expect(mountPod((c) => { c.volumeMounts = [{ name: 'blk', mountPath: '/x' }]; c.volumeDevices = [{ name: 'blk', devicePath: '/dev/x' }]; })).toEqual([
      `${c0}.volumeMounts[0].name: Invalid value: "blk": must not already exist in volumeDevices`,
      `${c0}.volumeDevices[0].name: Invalid value: "blk": must not already exist in volumeMounts`,
    ]);
  });
});

describe('probes and lifecycle', () => {
  const probe = { exec: { command: ['true'] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

  it('needs exactly one handler', () => {
    expect(withContainer((c) => { c.livenessProbe = { ...probe, exec: undefined }; })).toEqual([`${c0}.livenessProbe: Required value: must specify a handler type`]);
    expect(withContainer((c) => { c.livenessProbe = { ...probe, tcpSocket: { port: 80 } }; })).toEqual([`${c0}.livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type`]);
  });

  it('requires successThreshold 1 for liveness and startup probes', () => {
    expect(withContainer((c) => { c.livenessProbe = { ...probe, successThreshold: 2 }; })).toEqual([`${c0}.livenessProbe.successThreshold: Invalid value: 2: must be 1`]);
    expect(withContainer((c) => { c.readinessProbe = { ...probe, successThreshold: 2 }; })).toEqual([]);
  });

  it('rejects negative timings', () => {
    expect(withContainer((c) => { c.readinessProbe = { ...probe, initialDelaySeconds: -1 }; })).toEqual([`${c0}.readinessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0`]);
  });

  it('forbids a probe-level grace period on readiness probes', () => {
    expect(withContainer((c) => { c.readinessProbe = { ...probe, terminationGracePeriodSeconds: 5 }; })).toEqual([`${c0}.readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes`]);
  });

  it('checks httpGet ports and schemes', () => {
    expect(withContainer((c) => { c.livenessProbe = { ...probe, exec: undefined, httpGet: { path: '/', port: 'HTTP', scheme: 'HTTP' } }; })).toEqual([
      `${c0}.livenessProbe.httpGet.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
      `${c0}.livenessProbe.httpGet.port: Invalid value: "HTTP": must contain at least one letter (a-z)`,
    ]);
  });

  it('bounds a sleep hook by the grace period', () => {
    expect(withContainer((c) => { c.lifecycle = { preStop: { sleep: { seconds: 60 } } }; })).toEqual([
      `${c0}.lifecycle.preStop.sleep: Invalid value: 60: must be greater than 0 and less than terminationGracePeriodSeconds (30). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
    ]);
  });

  it('forbids restartPolicy on regular containers', () => {
    expect(withContainer((c) => { (c as Draft<Container> & { restartPolicy?: string }).restartPolicy = 'Always'; })).toEqual([`${c0}.restartPolicy: Forbidden: may not be set for non-init containers`]);
  });
});

describe('security context', () => {
  it('checks user and group ids', () => {
    expect(withContainer((c) => { c.securityContext = { runAsUser: -1 }; })).toEqual([`${c0}.securityContext.runAsUser: Invalid value: -1: must be between 0 and 4294967295, inclusive`]);
  });

  it('refuses privileged with allowPrivilegeEscalation false', () => {
    expect(withContainer((c) => { c.securityContext = { privileged: true, allowPrivilegeEscalation: false }; })[0]).toMatch(/^spec\.containers\[0\]\.securityContext: Invalid value: .*: cannot set `allowPrivilegeEscalation` to false and `privileged` to true$/);
  });

  it('refuses privileged containers when the cluster disallows them', () => {
    const pod = makePod('pod', setContainers(makeContainer('ctr', (c) => { c.securityContext = { privileged: true }; })));
    expect(validatePodCreate(pod, podValidationOptions(undefined, { allowPrivileged: false })).map(errorText)).toEqual([`${c0}.securityContext.privileged: Forbidden: disallowed by cluster policy`]);
  });

  it('needs a localhost profile for Localhost seccomp', () => {
    expect(withContainer((c) => { c.securityContext = { seccompProfile: { type: 'Localhost' } }; })).toEqual([`${c0}.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost`]);
  });
});

describe('init containers and sidecars', () => {
  const init = (...tweaks: ContainerTweak[]): string[] => validatePodCreate(makePod('pod', setInitContainers(makeContainer('init', ...tweaks)))).map(errorText);
  const i0 = 'spec.initContainers[0]';
  const probe = { exec: { command: ['true'] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

  it('accepts only restartPolicy Always (a sidecar)', () => {
    expect(init((c) => { (c as { restartPolicy?: string }).restartPolicy = 'OnFailure'; })).toEqual([`${i0}.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"`]);
  });

  it('forbids probes and hooks on plain init containers', () => {
    expect(init((c) => { c.readinessProbe = probe; })).toEqual([`${i0}.readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always`]);
  });

  it('validates probes of sidecars', () => {
    expect(init((c) => { (c as { restartPolicy?: string }).restartPolicy = 'Always'; c.livenessProbe = { ...probe, successThreshold: 3 }; })).toEqual([`${i0}.livenessProbe.successThreshold: Invalid value: 3: must be 1`]);
  });

  it('requires names unique across regular and init containers (reported on the init container)', () => {
    const pod = makePod('pod', setInitContainers(makeContainer('ctr')));
    expect(validatePodCreate(pod).map(errorText)).toEqual([`${i0}.name: Duplicate value: "ctr"`]);
  });

  it('requires at least one regular container', () => {
    const pod = makePod('pod', (p: Draft<Pod>) => { p.spec!.containers = []; });
    expect(validatePodCreate(pod).map(errorText)).toEqual(['spec.containers: Required value']);
  });
});
