import type { ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { Pod } from '../../../lib/api/types.js';
import { AdmissionDenied, type AdmissionAttributes } from '../../../lib/admission/attributes.js';
import { admitServiceAccount, tokenVolumeSource, validateServiceAccount } from '../../../lib/admission/service-account.js';
import { SeededRandom } from '../../../lib/ids/random.js';

const create: AdmissionAttributes = { operation: 'CREATE', resource: 'pods', subresource: '', namespace: 'default', name: '' };
const MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

function deps(...accounts: ServiceAccount[]) {
  const all: ServiceAccount[] = [{ metadata: { name: 'default', namespace: 'default' } }, ...accounts];
  return { serviceAccounts: { get: (ns: string, n: string) => all.find((a) => a.metadata?.name === n && a.metadata.namespace === ns) }, rng: new SeededRandom(1) };
}
const pod = (spec: Partial<NonNullable<Pod['spec']>> = {}, metadata: Pod['metadata'] = { name: 'web' }): Pod => ({ metadata, spec: { containers: [{ name: 'app', image: 'x' }], ...spec } });
const admitted = (p: Pod, d = deps(), attrs = create): Pod => {
  admitServiceAccount(p, attrs, d);
  return p;
};
const denial = (f: () => void): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof AdmissionDenied) return `${e.resource} "${e.objectName}" is forbidden: ${e.message}`;
    throw e;
  }
  return 'admitted';
};

describe('ServiceAccount admission: Admit on pod create', () => {
  it('names the default service account when the pod names none', () => {
    expect(admitted(pod()).spec!.serviceAccountName).toBe('default');
  });

  it('adds the kube-api-access-<5 chars> projected volume last and mounts it read-only into every init container and container', () => {
    const p = admitted(pod({ initContainers: [{ name: 'init', image: 'x' }], volumes: [{ name: 'data', emptyDir: {} }] }));
    const vol = p.spec!.volumes![1]!;
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected).toEqual(tokenVolumeSource());
    const mount = { name: vol.name, readOnly: true, mountPath: MOUNT_PATH };
    expect(p.spec!.initContainers![0]!.volumeMounts).toEqual([mount]);
    expect(p.spec!.containers[0]!.volumeMounts).toEqual([mount]);
  });

  it('projects the bound token (3607 s), the cluster CA and the namespace with defaultMode 420 set explicitly', () => {
    expect(tokenVolumeSource()).toEqual({
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    });
  });

  it('never mounts the token into ephemeral containers', () => {
    const p = admitted(pod({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }));
    expect(p.spec!.ephemeralContainers![0]!.volumeMounts).toBeUndefined();
  });

  it('skips containers that already mount something at the token path, and adds no volume when all are skipped', () => {
    const own = { name: 'mine', mountPath: MOUNT_PATH };
    const p = admitted(pod({ containers: [{ name: 'app', image: 'x', volumeMounts: [own] }], volumes: [{ name: 'mine', secret: { secretName: 's' } }] }));
    expect(p.spec!.containers[0]!.volumeMounts).toEqual([own]);
    expect(p.spec!.volumes).toEqual([{ name: 'mine', secret: { secretName: 's' } }]);
  });

  it('reuses an existing volume whose name starts with kube-api-access- instead of adding one', () => {
    const p = admitted(pod({ volumes: [{ name: 'kube-api-access-abcde', emptyDir: {} }] }));
    expect(p.spec!.volumes).toEqual([{ name: 'kube-api-access-abcde', emptyDir: {} }]);
    expect(p.spec!.containers[0]!.volumeMounts).toEqual([{ name: 'kube-api-access-abcde', readOnly: true, mountPath: MOUNT_PATH }]);
  });

  it.each([
    ['the pod says false', false, undefined, false],
    ['the pod says true over an account that says false', true, false, true],
    ['the account says false and the pod is silent', undefined, false, false],
    ['neither says anything', undefined, undefined, true],
  ])('mounts the token only when it should: %s', (_what, podChoice, saChoice, mounted) => {
    const d = deps({ metadata: { name: 'robot', namespace: 'default' }, ...(saChoice === undefined ? {} : { automountServiceAccountToken: saChoice }) });
    const p = admitted(pod({ serviceAccountName: 'robot', ...(podChoice === undefined ? {} : { automountServiceAccountToken: podChoice }) }), d);
    expect((p.spec!.volumes ?? []).length > 0).toBe(mounted);
    expect(p.spec!.serviceAccountName).toBe('robot');
  });

  it("copies the account's imagePullSecrets only when the pod has none", () => {
    const d = deps({ metadata: { name: 'robot', namespace: 'default' }, imagePullSecrets: [{ name: 'regcred' }] });
    expect(admitted(pod({ serviceAccountName: 'robot' }), d).spec!.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(admitted(pod({ serviceAccountName: 'robot', imagePullSecrets: [{ name: 'mine' }] }), d).spec!.imagePullSecrets).toEqual([{ name: 'mine' }]);
  });

  it('refuses a pod whose service account does not exist, naming the pod (or its generateName)', () => {
    expect(denial(() => admitted(pod({ serviceAccountName: 'ghost' })))).toBe(
      'pods "web" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found',
    );
    expect(denial(() => admitted(pod({ serviceAccountName: 'ghost' }, { generateName: 'worker-' })))).toMatch(/^pods "worker-" is forbidden/);
  });

  it('ignores updates and subresources other than ephemeralcontainers', () => {
    const p = pod();
    admitServiceAccount(p, { ...create, operation: 'UPDATE' }, deps());
    admitServiceAccount(p, { ...create, subresource: 'status' }, deps());
    expect(p.spec!.serviceAccountName).toBeUndefined();
  });
});

describe('ServiceAccount admission: mirror pods', () => {
  const mirror = (spec: Partial<NonNullable<Pod['spec']>> = {}) => pod({ nodeName: 'node01', ...spec }, { name: 'static-web-node01', annotations: { 'kubernetes.io/config.mirror': 'h' } });

  it('leaves a mirror pod untouched: no service account, no token volume', () => {
    const p = admitted(mirror());
    expect(p.spec!.serviceAccountName).toBeUndefined();
    expect(p.spec!.volumes).toBeUndefined();
  });

  it.each([
    ['a service account', { serviceAccountName: 'default' }, 'a mirror pod may not reference service accounts'],
    ['a secret volume', { volumes: [{ name: 's', secret: { secretName: 's' } }] }, 'a mirror pod may not reference secrets'],
    ['an env secret', { containers: [{ name: 'c', image: 'x', env: [{ name: 'E', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] }, 'a mirror pod may not reference secrets'],
    ['an image pull secret', { imagePullSecrets: [{ name: 'r' }] }, 'a mirror pod may not reference secrets'],
    ['a token projection', { volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }] }, 'a mirror pod may not use ServiceAccountToken volume projections'],
  ])('refuses a mirror pod that references %s', (_what, spec, message) => {
    expect(denial(() => admitted(mirror(spec)))).toBe(`pods "static-web-node01" is forbidden: ${message}`);
  });
});

describe('ServiceAccount admission: Validate', () => {
  const enforcing = { metadata: { name: 'locked', namespace: 'default', annotations: { 'kubernetes.io/enforce-mountable-secrets': 'true' } }, secrets: [{ name: 'ok' }] };

  it('with kubernetes.io/enforce-mountable-secrets, refuses secret volumes the account does not list', () => {
    const p = pod({ serviceAccountName: 'locked', automountServiceAccountToken: false, volumes: [{ name: 'v', secret: { secretName: 'other' } }] });
    expect(denial(() => validateServiceAccount(p, create, deps(enforcing)))).toBe(
      'pods "web" is forbidden: volume with secret.secretName="other" is not allowed because service account locked does not reference that secret',
    );
  });

  it('with the annotation, refuses env secrets of init containers and containers', () => {
    const env = [{ name: 'E', valueFrom: { secretKeyRef: { name: 'other', key: 'k' } } }];
    const p = pod({ serviceAccountName: 'locked', initContainers: [{ name: 'i', image: 'x', env }] });
    expect(denial(() => validateServiceAccount(p, create, deps(enforcing)))).toMatch(/init container i with envVar E referencing secret.secretName="other" is not allowed/);
  });

  it('checks the secrets of ephemeral containers added through pods/ephemeralcontainers', () => {
    const p = pod({ serviceAccountName: 'locked', ephemeralContainers: [{ name: 'debug', image: 'x', envFrom: [{ secretRef: { name: 'other' } }] }] });
    const attrs: AdmissionAttributes = { ...create, operation: 'UPDATE', subresource: 'ephemeralcontainers', name: 'web' };
    expect(denial(() => validateServiceAccount(p, attrs, deps(enforcing)))).toBe(
      'pods "web" is forbidden: ephemeral container debug with envFrom referencing secret.secretName="other" is not allowed because service account locked does not reference that secret',
    );
    expect(denial(() => validateServiceAccount(pod({ serviceAccountName: 'default', ephemeralContainers: [{ name: 'd', image: 'x' }] }), attrs, deps()))).toBe('admitted');
  });

  it('refuses an ephemeralcontainers update of a pod without a service account', () => {
    const attrs: AdmissionAttributes = { ...create, operation: 'UPDATE', subresource: 'ephemeralcontainers', name: 'web' };
    expect(denial(() => validateServiceAccount(pod(), attrs, deps()))).toBe('pods "web" is forbidden: no service account specified for pod default/web');
  });
});
