import { produce, type Draft } from 'immer';
import type { ContainerStatus, Pod } from '../../../lib/api/types.js';
import { errorText } from '../../../lib/field/errors.js';
import { UPDATABLE_POD_SPEC_FIELDS, validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from '../../../lib/validation/pod.js';
import {
  makeContainer, makeEphemeralContainer, makePod, setActiveDeadlineSeconds, setAnnotations, setEphemeralContainers, setNodeName,
  setSchedulingGates, setTolerations, stored,
} from '../../support/make-pod.js';

const change = (pod: Pod, recipe: (d: Draft<Pod>) => void): Pod => produce(pod, recipe);
const spec = (d: Draft<Pod>) => d.spec!;

describe('ValidatePodCreate', () => {
  it('accepts the default pod', () => {
    expect(validatePodCreate(makePod('pod'))).toEqual([]);
  });

  it('forbids ephemeral containers on create, after the per-container errors', () => {
    const pod = makePod('pod', setEphemeralContainers({ ...makeEphemeralContainer('dbg'), ports: [] }));
    expect(validatePodCreate(pod).map(errorText)).toEqual([
      'spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container',
      'spec.ephemeralContainers: Forbidden: cannot be set on create',
    ]);
  });

  it('forbids a node name while scheduling gates remain', () => {
    expect(validatePodCreate(makePod('pod', setNodeName('n1'), setSchedulingGates('g'))).map(errorText)).toEqual(['spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared']);
  });

  it('requires spec.nodeName with the mirror pod annotation', () => {
    expect(validatePodCreate(makePod('pod', setAnnotations({ 'kubernetes.io/config.mirror': 'h' }))).map(errorText)).toEqual([
      'metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "h": must set spec.nodeName if mirror pod annotation is set',
    ]);
  });

  it('requires a 32-bit pod deletion cost', () => {
    expect(validatePodCreate(makePod('pod', setAnnotations({ 'controller.kubernetes.io/pod-deletion-cost': '+1' }))).map(errorText)).toEqual([
      'metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "+1": must be a 32bit integer',
    ]);
  });

  it('checks legacy AppArmor annotations name a container', () => {
    expect(validatePodCreate(makePod('pod', setAnnotations({ 'container.apparmor.security.beta.kubernetes.io/nope': 'runtime/default' }))).map(errorText)).toEqual([
      'metadata.annotations[container.apparmor.security.beta.kubernetes.io/nope]: Invalid value: "nope": container not found',
    ]);
  });

  it('requires legacy seccomp annotations to agree with the fields', () => {
    const pod = makePod('pod', setAnnotations({ 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }), (d) => { spec(d).securityContext = { seccompProfile: { type: 'RuntimeDefault' } }; });
    expect(validatePodCreate(pod).map(errorText)).toEqual(['spec.securityContext.seccompProfile.type: Forbidden: seccomp type in annotation and field must match']);
  });

  it('reports the pod name rule on metadata.name', () => {
    expect(validatePodCreate(makePod('Pod')).map(errorText)[0]).toMatch(/^metadata\.name: Invalid value: "Pod": a lowercase RFC 1123 subdomain/);
  });
});

describe('ValidatePodUpdate', () => {
  const old = makePod('pod', stored, setActiveDeadlineSeconds(100), setTolerations({ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }));
  const update = (recipe: (d: Draft<Pod>) => void): string[] => validatePodUpdate(change(old, recipe), old).map(errorText);
  const specForbidden = `spec: Forbidden: pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n`;

  it('allows changing images, lowering activeDeadlineSeconds, adding tolerations and changing tolerationSeconds', () => {
    expect(update((d) => {
      spec(d).containers[0]!.image = 'image:2';
      spec(d).activeDeadlineSeconds = 50;
      spec(d).tolerations![0]!.tolerationSeconds = 20;
      spec(d).tolerations!.push({ key: 'x', operator: 'Exists' });
    })).toEqual([]);
  });

  it('forbids any other spec change with one error on spec and a diff', () => {
    const [msg, ...rest] = update((d) => { spec(d).dnsPolicy = 'Default'; });
    expect(rest).toEqual([]);
    expect(msg!.startsWith(specForbidden)).toBe(true);
    expect(msg).toContain('- \tDnsPolicy: "ClusterFirst",\n+ \tDnsPolicy: "Default",');
  });

  it('stops at a changed container count', () => {
    expect(update((d) => { spec(d).containers.push(makeContainer('two')); })).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });

  it('may not raise activeDeadlineSeconds, or drop it', () => {
    expect(update((d) => { spec(d).activeDeadlineSeconds = 200; })).toEqual(['spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value']);
    expect(update((d) => { delete spec(d).activeDeadlineSeconds; })).toEqual(['spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value']);
  });

  it('may not modify an existing toleration beyond its seconds', () => {
    expect(update((d) => { spec(d).tolerations![0]!.effect = 'NoSchedule'; delete spec(d).tolerations![0]!.tolerationSeconds; })).toEqual([
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    ]);
  });

  it('allows a negative grace period to become 1', () => {
    const neg = change(old, (d) => { spec(d).terminationGracePeriodSeconds = -1; });
    expect(validatePodUpdate(change(neg, (d) => { spec(d).terminationGracePeriodSeconds = 1; }), neg)).toEqual([]);
  });

  it('only deletes scheduling gates, and lets a gated pod add node selectors', () => {
    const gated = makePod('pod', stored, setSchedulingGates('a'), (d) => { spec(d).nodeSelector = { zone: 'a' }; });
    expect(validatePodUpdate(change(gated, (d) => { spec(d).schedulingGates = []; spec(d).nodeSelector = { zone: 'a', disk: 'ssd' }; }), gated)).toEqual([]);
    expect(validatePodUpdate(change(gated, (d) => { spec(d).schedulingGates!.push({ name: 'b' }); }), gated).map(errorText)).toEqual([
      "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'b'",
    ]);
    expect(validatePodUpdate(change(gated, (d) => { spec(d).nodeSelector = { zone: 'b' }; }), gated).map(errorText)[0]).toMatch(
      /^spec\.nodeSelector: Invalid value: .*: only additions to spec\.nodeSelector are allowed \(no mutations or deletions\)$/,
    );
  });

  it('may not add, change or remove the mirror pod annotation', () => {
    const mirror = makePod('pod', stored, setNodeName('n'), setAnnotations({ 'kubernetes.io/config.mirror': 'h' }));
    expect(validatePodUpdate(change(mirror, (d) => { d.metadata!.annotations = {}; }), mirror).map(errorText)).toEqual([
      'metadata.annotations[kubernetes.io/config.mirror]: Forbidden: may not remove or update mirror pod annotation',
    ]);
    expect(update((d) => { spec(d).nodeName = 'n'; d.metadata!.annotations = { 'kubernetes.io/config.mirror': 'h' }; })[0]).toBe(
      'metadata.annotations[kubernetes.io/config.mirror]: Forbidden: may not add mirror pod annotation',
    );
  });

  it('lets labels and annotations change', () => {
    expect(update((d) => { d.metadata!.labels = { app: 'web' }; d.metadata!.annotations = { note: 'x' }; })).toEqual([]);
  });
});

describe('ValidatePodStatusUpdate', () => {
  const running = (name: string): ContainerStatus => ({ name, image: 'image', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: '2024-01-01T00:00:00Z' } } });
  const terminated = (name: string, exitCode = 0): ContainerStatus => ({ name, image: 'image', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode } } });
  const old = makePod('pod', stored, setEphemeralContainers(makeEphemeralContainer('dbg')), (d) => {
    spec(d).restartPolicy = 'OnFailure';
    d.status = { qosClass: 'BestEffort', containerStatuses: [terminated('ctr', 0)], ephemeralContainerStatuses: [terminated('dbg')] };
  });
  const statusUpdate = (recipe: (d: Draft<Pod>) => void): string[] => validatePodStatusUpdate(change(old, recipe), old).map(errorText);

  it('accepts an unchanged status', () => {
    expect(statusUpdate(() => {})).toEqual([]);
  });

  it('keeps qosClass immutable', () => {
    expect(statusUpdate((d) => { d.status!.qosClass = 'Burstable'; })).toEqual(['status.qosClass: Invalid value: "Burstable": field is immutable']);
  });

  it('never lets a terminated ephemeral container run again (index of the old list)', () => {
    expect(statusUpdate((d) => { d.status!.ephemeralContainerStatuses = [running('dbg')]; })).toEqual(['status.ephemeralContainerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state']);
  });

  it('lets OnFailure restart only failed containers', () => {
    expect(statusUpdate((d) => { d.status!.containerStatuses = [running('ctr')]; })).toEqual(['status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state']);
    const failed = change(old, (d) => { d.status!.containerStatuses = [terminated('ctr', 1)]; });
    expect(validatePodStatusUpdate(change(failed, (d) => { d.status!.containerStatuses = [running('ctr')]; }), failed)).toEqual([]);
  });

  it('may not move the pod to another node', () => {
    expect(statusUpdate((d) => { spec(d).nodeName = 'other'; })).toEqual(['status.nodeName: Forbidden: may not be changed directly']);
  });

  it('checks custom condition types under metadata.conditions (Go path)', () => {
    expect(statusUpdate((d) => { d.status!.conditions = [{ type: 'Ready', status: 'True' }, { type: 'bad type', status: 'True' }] ; })[0]).toMatch(/^metadata\.conditions\[1\]\.Type: Invalid value: "bad type"/);
  });

  it('allows one pod IP per family', () => {
    expect(statusUpdate((d) => { d.status!.podIPs = [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }]; })).toEqual([
      'status.podIPs: Invalid value: []core.PodIP{core.PodIP{IP:"10.0.0.1"}, core.PodIP{IP:"10.0.0.2"}}: may specify no more than one IP for each IP family',
    ]);
    expect(statusUpdate((d) => { d.status!.podIPs = [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }]; })).toEqual([]);
  });

  it('requires hostIPs[0] to be hostIP', () => {
    expect(statusUpdate((d) => { d.status!.hostIP = '10.0.0.1'; d.status!.hostIPs = [{ ip: '10.0.0.2' }]; })).toEqual(['status.hostIPs[0].ip: Invalid value: "10.0.0.2": must be equal to `hostIP`']);
  });
});
