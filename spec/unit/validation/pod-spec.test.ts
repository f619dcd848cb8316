import type { Draft } from 'immer';
import type { Pod, PodSpec } from '../../../lib/api/types.js';
import { errorText } from '../../../lib/field/errors.js';
import { validatePodCreate } from '../../../lib/validation/pod.js';
import { makeContainer, makePod, setContainers, setHostNetwork, setOS, setTolerations } from '../../support/make-pod.js';

/** Errors of creating the default pod with its spec changed by `recipe`. */
const withSpec = (recipe: (s: Draft<PodSpec>) => void): string[] => validatePodCreate(makePod('pod', (p: Draft<Pod>) => recipe(p.spec!))).map(errorText);

describe('ValidatePodSpec: scalar fields', () => {
  it('requires terminationGracePeriodSeconds', () => {
    expect(withSpec((s) => { delete s.terminationGracePeriodSeconds; })).toEqual(['spec.terminationGracePeriodSeconds: Required value']);
  });

  it('requires a known restartPolicy (list in Go order)', () => {
    expect(withSpec((s) => { s.restartPolicy = 'Sometimes'; })).toEqual(['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']);
    expect(withSpec((s) => { s.restartPolicy = ''; })).toEqual(['spec.restartPolicy: Required value']);
  });

  it('requires a known dnsPolicy', () => {
    expect(withSpec((s) => { s.dnsPolicy = 'Cluster'; })).toEqual(['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']);
  });

  it('bounds activeDeadlineSeconds to 1..MaxInt32', () => {
    expect(withSpec((s) => { s.activeDeadlineSeconds = 0; })).toEqual(['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']);
  });

  it('checks hostname and subdomain as DNS labels', () => {
    expect(withSpec((s) => { s.hostname = 'a.b'; })).toEqual(['spec.hostname: Invalid value: "a.b": must not contain dots']);
  });

  it('checks serviceAccountName, nodeName and priorityClassName as DNS subdomains', () => {
    expect(withSpec((s) => { s.serviceAccountName = 'SA'; })[0]).toMatch(/^spec\.serviceAccountName: Invalid value: "SA": a lowercase RFC 1123 subdomain/);
    expect(withSpec((s) => { s.nodeName = 'Node_1'; })[0]).toMatch(/^spec\.nodeName: Invalid value: "Node_1": a lowercase RFC 1123 subdomain/);
    expect(withSpec((s) => { s.priorityClassName = 'High'; })[0]).toMatch(/^spec\.priorityClassName: Invalid value: "High"/);
  });

  it('requires a known preemptionPolicy', () => {
    expect(withSpec((s) => { s.preemptionPolicy = 'Always'; })).toEqual(['spec.preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"']);
  });

  it('checks nodeSelector as labels', () => {
    expect(withSpec((s) => { s.nodeSelector = { 'a/b/c': 'x' }; })[0]).toMatch(/^spec\.nodeSelector: Invalid value: "a\/b\/c": a qualified name must consist of/);
  });

  it('checks readiness and scheduling gates as qualified names', () => {
    expect(withSpec((s) => { s.readinessGates = [{ conditionType: 'a b' }]; })[0]).toMatch(/^spec\.readinessGates\[0\]\.conditionType: Invalid value: "a b"/);
    expect(withSpec((s) => { s.schedulingGates = [{ name: 'g' }, { name: 'g' }]; })).toEqual(['spec.schedulingGates[1]: Duplicate value: "g"']);
  });

  it('validates overhead like container limits', () => {
    expect(withSpec((s) => { s.overhead = { cpu: '-1' }; })).toEqual(['spec.overhead.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0']);
  });
});

describe('ValidatePodSpec: host namespaces and security context', () => {
  it('needs hostPort = containerPort with hostNetwork', () => {
    const pod = makePod('pod', setHostNetwork(), setContainers(makeContainer('ctr', (c) => { c.ports = [{ containerPort: 80, hostPort: 81, protocol: 'TCP' }]; })));
    expect(validatePodCreate(pod).map(errorText)).toEqual(['spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true']);
  });

  it('refuses shareProcessNamespace with hostPID (internal path)', () => {
    expect(withSpec((s) => { s.shareProcessNamespace = true; s.hostPID = true; })).toEqual(['spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled']);
  });

  it('refuses host namespaces in a user-namespaced pod', () => {
    expect(withSpec((s) => { s.hostUsers = false; s.hostNetwork = true; s.hostPID = true; })).toEqual([
      'spec.hostNetwork: Forbidden: when `pod.Spec.HostUsers` is false',
      'spec.HostPID: Forbidden: when `pod.Spec.HostUsers` is false',
    ]);
  });

  it('refuses network sysctls in a hostNetwork pod', () => {
    expect(withSpec((s) => { s.hostNetwork = true; s.securityContext = { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] }; })).toEqual([
      "spec.securityContext.sysctls[0].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true",
    ]);
  });

  it('checks pod-level ids and fsGroupChangePolicy', () => {
    expect(withSpec((s) => { s.securityContext = { fsGroup: -1, fsGroupChangePolicy: 'Never' }; })).toEqual([
      'spec.securityContext.fsGroup: Invalid value: -1: must be between 0 and 4294967295, inclusive',
      'spec.securityContext.fsGroupChangePolicy: Unsupported value: "Never": supported values: "Always", "OnRootMismatch"',
    ]);
  });
});

describe('ValidateTolerations', () => {
  const errs = (t: Parameters<typeof setTolerations>[0]): string[] => validatePodCreate(makePod('pod', setTolerations(t))).map(errorText);

  it('needs Exists for an empty key', () => {
    expect(errs({ operator: 'Equal', value: 'x' })).toEqual(['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"']);
  });

  it('needs NoExecute with tolerationSeconds', () => {
    expect(errs({ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 })).toEqual(["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]);
  });

  it('needs an empty value with Exists and a known operator and effect', () => {
    expect(errs({ key: 'k', operator: 'Exists', value: 'v' })).toEqual(["spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"]);
    expect(errs({ key: 'k', operator: 'In' })).toEqual(['spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"']);
    expect(errs({ key: 'k', operator: 'Exists', effect: 'Never' })).toEqual(['spec.tolerations[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']);
  });
});

describe('DNS settings', () => {
  it('needs nameservers with dnsPolicy None', () => {
    expect(withSpec((s) => { s.dnsPolicy = 'None'; })).toEqual(['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']);
    expect(withSpec((s) => { s.dnsPolicy = 'None'; s.dnsConfig = {}; })).toEqual(['spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None']);
  });

  it('checks nameserver addresses and the count', () => {
    expect(withSpec((s) => { s.dnsConfig = { nameservers: ['1.1.1.1', '2.2.2.2', '3.3.3.3', 'x'] }; })).toEqual([
      'spec.dnsConfig.nameservers: Invalid value: []string{"1.1.1.1", "2.2.2.2", "3.3.3.3", "x"}: must not have more than 3 nameservers',
      'spec.dnsConfig.nameservers[3]: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
  });

  it('checks search domains (a trailing dot is allowed)', () => {
    expect(withSpec((s) => { s.dnsConfig = { searches: ['svc.cluster.local.', 'Bad_Domain'] }; })[0]).toMatch(/^spec\.dnsConfig\.searches\[1\]: Invalid value: "Bad_Domain": a lowercase RFC 1123 subdomain/);
  });

  it('checks host alias addresses', () => {
    expect(withSpec((s) => { s.hostAliases = [{ ip: '300.1.1.1', hostnames: ['a'] }]; })).toEqual(['spec.hostAliases[0].ip: Invalid value: "300.1.1.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
  });
});

describe('affinity and topology spread', () => {
  it('needs at least one required node selector term', () => {
    expect(withSpec((s) => { s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }; })).toEqual([
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
    ]);
  });

  it('checks node selector operators and values', () => {
    expect(withSpec((s) => { s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Gt', values: ['a', 'b'] }] }] } } }; })).toEqual([
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
    ]);
  });

  it('bounds preferred weights to 1..100', () => {
    expect(withSpec((s) => { s.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] } }; })).toEqual([
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    ]);
  });

  it('needs a topology key for pod affinity terms', () => {
    expect(withSpec((s) => { s.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: '' }] } }; })[0]).toBe(
      'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
    );
  });

  it('checks spread constraints and reports repeats', () => {
    const tsc = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' };
    expect(withSpec((s) => { s.topologySpreadConstraints = [{ ...tsc, maxSkew: 0 }]; })).toEqual(['spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero']);
    expect(withSpec((s) => { s.topologySpreadConstraints = [tsc, tsc]; })).toEqual(['spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"']);
    expect(withSpec((s) => { s.topologySpreadConstraints = [{ ...tsc, whenUnsatisfiable: 'Never' }]; })).toEqual(['spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"']);
  });
});

describe('operating system rules', () => {
  it('accepts only linux and windows', () => {
    expect(withSpec((s) => { s.os = { name: 'plan9' }; })).toEqual(['spec.os: Unsupported value: "plan9": supported values: "linux", "windows"']);
  });

  it('forbids Windows options on a linux pod', () => {
    const pod = makePod('pod', setOS('linux'), setContainers(makeContainer('ctr', (c) => { c.securityContext = { windowsOptions: { runAsUserName: 'u' } }; })));
    expect(validatePodCreate(pod).map(errorText)).toEqual(['spec.containers[0].securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod']);
  });

  it('forbids Linux-only settings on a windows pod', () => {
    const pod = makePod('pod', setOS('windows'), (p: Draft<Pod>) => { p.spec!.hostPID = true; p.spec!.containers[0]!.securityContext = { runAsUser: 1 }; });
    expect(validatePodCreate(pod).map(errorText)).toEqual([
      'spec.hostPID: Forbidden: cannot be set for a windows pod',
      'spec.containers[0].securityContext.runAsUser: Forbidden: cannot be set for a windows pod',
    ]);
  });

  it('needs every container to be HostProcess, and hostNetwork, once one is', () => {
    const pod = makePod('pod', setContainers(
      makeContainer('a', (c) => { c.securityContext = { windowsOptions: { hostProcess: true } }; }),
      makeContainer('b'),
    ));
    expect(validatePodCreate(pod).map(errorText)).toEqual([
      'spec: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers',
      'spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers',
    ]);
  });
});
