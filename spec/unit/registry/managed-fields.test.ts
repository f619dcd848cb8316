import type { ManagedFieldsEntry, Pod } from '../../../lib/api/types.js';
import { applyManagedFields, managerFromUserAgent, updateManagedFields } from '../../../lib/registry/managed-fields.js';

const T1 = '2025-01-08T14:27:07Z';
const T2 = '2025-01-08T15:00:00Z';
const base = (): Pod => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default', labels: { run: 'nginx' } },
  spec: {
    containers: [{ name: 'nginx', image: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always' }],
    restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler', enableServiceLinks: true,
  },
  status: { phase: 'Pending', qosClass: 'BestEffort' },
});
const stored = (p: Pod, managedFields: ManagedFieldsEntry[]): Pod => ({ ...p, metadata: { ...p.metadata, uid: 'u1', resourceVersion: '5', managedFields } });
const byManager = (entries: ManagedFieldsEntry[]) => Object.fromEntries(entries.map((e) => [`${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`, e]));

describe('updateManagedFields (FieldManager.Update)', () => {
  it('on create, owns every field the empty Pod lacked, except identity metadata and status (the kubectl run entry of the README)', () => {
    expect(updateManagedFields(undefined, base(), { manager: 'kubectl-run', time: T1 })).toEqual([{
      manager: 'kubectl-run', operation: 'Update', apiVersion: 'v1', time: T1, fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { '.': {}, 'f:run': {} } },
        'f:spec': {
          'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {} } },
          'f:dnsPolicy': {}, 'f:enableServiceLinks': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:terminationGracePeriodSeconds': {},
        },
      },
    }]);
  });

  it('gives a field another manager changes to that manager, and keeps both entries in order of time', () => {
    const created = updateManagedFields(undefined, base(), { manager: 'kubectl-run', time: T1 });
    const edited = base();
    edited.spec!.containers[0]!.image = 'nginx:1.27';
    const entries = updateManagedFields(stored(base(), created), edited, { manager: 'kubectl-edit', time: T2 });
    expect(entries.map((e) => e.manager)).toEqual(['kubectl-run', 'kubectl-edit']);
    const m = byManager(entries);
    expect(m['kubectl-edit/Update']!.fieldsV1).toEqual({ 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { 'f:image': {} } } } });
    const runContainer = (m['kubectl-run/Update']!.fieldsV1 as Record<string, Record<string, Record<string, object>>>)['f:spec']!['f:containers']!['k:{"name":"nginx"}']!;
    expect(Object.keys(runContainer)).toEqual(['.', 'f:imagePullPolicy', 'f:name', 'f:resources', 'f:terminationMessagePath', 'f:terminationMessagePolicy']);
    expect(m['kubectl-run/Update']!.time).toBe(T1);
  });

  it('merges later writes of the same manager into its entry and renews its time only when it took something', () => {
    const created = updateManagedFields(undefined, base(), { manager: 'kubectl-run', time: T1 });
    const unchanged = updateManagedFields(stored(base(), created), base(), { manager: 'kubectl-run', time: T2 });
    expect(unchanged[0]!.time).toBe(T1);
    const labelled = base();
    labelled.metadata!.labels = { run: 'nginx', tier: 'web' };
    const entries = updateManagedFields(stored(base(), created), labelled, { manager: 'kubectl-run', time: T2 });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.time).toBe(T2);
    expect(entries[0]!.fieldsV1).toMatchObject({ 'f:metadata': { 'f:labels': { '.': {}, 'f:run': {}, 'f:tier': {} } } });
  });

  it('takes removed fields away from their owner', () => {
    const created = updateManagedFields(undefined, base(), { manager: 'kubectl-run', time: T1 });
    const unlabelled = base();
    delete unlabelled.metadata!.labels;
    const entries = updateManagedFields(stored(base(), created), unlabelled, { manager: 'kubectl-label', time: T2 });
    expect(entries.map((e) => e.manager)).toEqual(['kubectl-run']);
    expect(entries[0]!.fieldsV1).not.toHaveProperty('f:metadata');
  });

  it('records status writes under subresource status, owning only status', () => {
    const created = updateManagedFields(undefined, base(), { manager: 'kubectl-run', time: T1 });
    const running: Pod = { ...base(), status: { phase: 'Running', qosClass: 'BestEffort', podIP: '10.0.0.1' } };
    running.spec!.nodeName = 'ignored-by-reset-fields';
    const entries = updateManagedFields(stored(base(), created), running, { manager: 'kubelet', subresource: 'status', time: T2 });
    const kubelet = byManager(entries)['kubelet/Update/status']!;
    expect(kubelet.fieldsV1).toEqual({ 'f:status': { 'f:phase': {}, 'f:podIP': {} } });
    expect(Object.keys(kubelet)).toEqual(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1', 'subresource']);
  });

  it('uses managedFields sent with the request on the main resource, and resets them on []', () => {
    const sent: ManagedFieldsEntry[] = [{ manager: 'mine', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:dnsPolicy': {} } } }];
    const created = updateManagedFields(undefined, base(), { manager: 'kubectl-run', time: T1 });
    const withSent = { ...base(), metadata: { ...base().metadata, managedFields: sent } };
    expect(updateManagedFields(stored(base(), created), withSent, { manager: 'kubectl-replace', time: T2 }).map((e) => e.manager)).toEqual(['mine']);
    const reset = { ...base(), metadata: { ...base().metadata, managedFields: [] } };
    const afterReset = updateManagedFields(stored(base(), created), reset, { manager: 'kubectl-replace', time: T2 });
    expect(afterReset).toEqual([]);
  });

  it('leaves an existing object that nobody manages unmanaged (skipNonAppliedManager)', () => {
    const edited = base();
    edited.spec!.containers[0]!.image = 'nginx:2';
    expect(updateManagedFields(stored(base(), []), edited, { manager: 'kubectl-edit', time: T2 })).toEqual([]);
  });

  it('caps Update managers at ten, folding the oldest into ancient-changes', () => {
    let live = stored(base(), updateManagedFields(undefined, base(), { manager: 'm0', time: '2025-01-01T00:00:00Z' }));
    for (let i = 1; i <= 10; i++) {
      const next = structuredClone(live);
      next.metadata!.labels = { ...next.metadata!.labels, [`l${i}`]: 'x' };
      live = stored(next, updateManagedFields(live, next, { manager: `m${i}`, time: `2025-01-01T00:00:${String(i).padStart(2, '0')}Z` }));
    }
    const managers = live.metadata!.managedFields!.map((e) => e.manager);
    expect(managers).toHaveLength(10);
    expect(managers).toContain('ancient-changes');
    expect(managers).not.toContain('m0');
  });
});

describe('applyManagedFields (FieldManager.Apply)', () => {
  const config = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-ssa', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27.3' }] } };

  it('on create, the Apply entry owns exactly the applied configuration (list items get ".", maps do not)', () => {
    const result = applyManagedFields(undefined, base(), config, { manager: 'kubectl', time: T1 });
    expect(result).toEqual({ managedFields: [{
      manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: T1, fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } },
    }] });
  });

  it('reports a conflict with the manager owning a field the apply changes, unless forced', () => {
    const live = stored(base(), updateManagedFields(undefined, base(), { manager: 'kubectl-run', time: T1 }));
    const merged = structuredClone(live);
    merged.spec!.containers[0]!.image = 'nginx:2';
    const applied = { spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } };
    expect(applyManagedFields(live, merged, applied, { manager: 'kubectl', time: T2 })).toEqual({
      conflicts: [{ manager: 'kubectl-run', operation: 'Update', subresource: '', paths: ['.spec.containers[name="nginx"].image'] }],
    });
    const forced = applyManagedFields(live, merged, applied, { manager: 'kubectl', time: T2, force: true });
    expect('managedFields' in forced && forced.managedFields.map((e) => `${e.manager}/${e.operation}`)).toEqual(['kubectl/Apply', 'kubectl-run/Update']);
  });
});

describe('managerFromUserAgent (prefixFromUserAgent)', () => {
  it.each([
    ['kubectl/v1.32.0 (linux/amd64) kubernetes/abc', 'kubectl'],
    ['kubelet/v1.32.0 (linux/amd64) kubernetes/abc', 'kubelet'],
    ['curl/8.5.0', 'curl'],
    ['', ''],
    [`${'x'.repeat(200)}/1`, 'x'.repeat(128)],
  ])('%s → %s', (ua, manager) => {
    expect(managerFromUserAgent(ua)).toBe(manager);
  });
});
