/**
 * Server-side apply of pods through the library door (`patch(name, 'apply', config)`): create when
 * missing, an Apply entry in managedFields when present, and the field manager's conflicts.
 */
import { newCluster, podBody, statusOf } from './helpers.js';

const config = (image: string, labels: Record<string, string> = { app: 'web' }) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels }, spec: { containers: [{ name: 'app', image }] },
});

describe('server-side apply of pods', () => {
  it('creates a missing pod with an Apply entry that owns only what the configuration names', () => {
    const cluster = newCluster();
    const out = cluster.pods().patch('web', 'apply', config('nginx:1.27'), { fieldManager: 'kubectl' });
    expect(out.metadata?.managedFields).toEqual([{
      manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2024-01-01T00:00:00Z', fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } },
    }]);
  });

  it('a configuration naming another pod is 400 `the name of the object (x) does not match the name on the URL (web)`', () => {
    const cluster = newCluster();
    const st = statusOf(() => cluster.pods().patch('web', 'apply', { ...config('nginx'), metadata: { name: 'other' } }, { fieldManager: 'kubectl' }));
    expect([st.code, st.message]).toEqual([400, 'the name of the object (other) does not match the name on the URL (web)']);
  });

  it('the same manager applying again changes its fields', () => {
    const cluster = newCluster();
    cluster.pods().patch('web', 'apply', config('nginx:1.27'), { fieldManager: 'kubectl' });
    cluster.advance(5000);
    const out = cluster.pods().patch('web', 'apply', config('nginx:1.28'), { fieldManager: 'kubectl' });
    expect(out.spec?.containers[0]?.image).toBe('nginx:1.28');
    expect(out.metadata?.managedFields?.map((m) => [m.manager, m.operation, m.time])).toEqual([['kubectl', 'Apply', '2024-01-01T00:00:05Z']]);
  });

  it('taking a field another manager set is 409 with the field manager\'s conflict message', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web', { metadata: { name: 'web', labels: { app: 'web' } } }), { fieldManager: 'kubectl-client-side-apply' });
    const st = statusOf(() => cluster.pods().patch('web', 'apply', config('nginx:1.28'), { fieldManager: 'kubectl' }));
    expect(st).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .spec.containers[name="app"].image',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using v1', field: '.spec.containers[name="app"].image' }] },
      code: 409,
    });
  });

  it('with force the applier takes the field and the other manager loses it', () => {
    const cluster = newCluster();
    cluster.pods().create(podBody('web', { metadata: { name: 'web', labels: { app: 'web' } } }), { fieldManager: 'kubectl-client-side-apply' });
    const out = cluster.registry.pods.patch({ namespace: 'default', now: cluster.clock.now(), fieldManager: 'kubectl' }, 'web', { type: 'apply', body: config('nginx:1.28'), force: true });
    expect(out.spec?.containers[0]?.image).toBe('nginx:1.28');
    const entries = out.metadata?.managedFields ?? [];
    expect(entries.map((m) => [m.manager, m.operation])).toEqual([['kubectl', 'Apply'], ['kubectl-client-side-apply', 'Update']]);
    const theirs = JSON.stringify(entries[1]?.fieldsV1);
    expect(theirs).not.toContain('"f:image":');
  });
});
