import type { Pod } from '../../../lib/api/types.js';
import { expandVars, generateLaunchConfig, imageUser, KUBERNETES_SERVICE_ENV } from '../../../lib/kubelet/container-config.js';

const ctx = { nodeName: 'node-1', hostIP: '172.18.0.2', podIPs: ['10.244.0.5'], nodeAllocatable: { cpu: '2', memory: '8138256Ki' } };
const pod: Pod = { metadata: { name: 'web', namespace: 'team', uid: 'u-1', labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'busybox' }] } };

describe('expandVars (kubelet $(VAR) expansion)', () => {
  it.each([
    ['$(A)-$(B)', 'x-y'],
    ['$$(A)', '$(A)'],
    ['$(MISSING)', '$(MISSING)'],
    ['$(A', '$(A'],
    ['cost $5', 'cost $5'],
  ])('%s → %s', (input, out) => {
    expect(expandVars(input, new Map([['A', 'x'], ['B', 'y']]))).toBe(out);
  });
});

describe('generateLaunchConfig (GenerateRunContainerOptions + containerd merge)', () => {
  it('a command replaces the entrypoint and drops the image cmd; args alone replace the cmd', () => {
    const image = { config: { entrypoint: ['/entry'], cmd: ['--default'] } };
    const withCommand = { name: 'app', image: 'x', command: ['run'], args: ['--flag'] };
    expect(generateLaunchConfig(pod, withCommand, image, ctx).argv).toEqual(['run', '--flag']);
    expect(generateLaunchConfig(pod, { name: 'app', image: 'x', args: ['--other'] }, image, ctx).argv).toEqual(['/entry', '--other']);
    expect(generateLaunchConfig(pod, { name: 'app', image: 'x' }, image, ctx).argv).toEqual(['/entry', '--default']);
  });

  it('resolves field references and expands $(VAR) in later values and in the command', () => {
    const c = {
      name: 'app', image: 'x', command: ['echo', '$(POD_NAME)'],
      env: [
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'WHERE', value: '$(POD_NAME) on $(NODE)' },
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'LABEL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      ],
    };
    const cfg = generateLaunchConfig(pod, c, { config: {} }, ctx);
    expect(cfg.argv).toEqual(['echo', 'web']);
    expect(cfg.env.get('WHERE')).toBe('web on $(NODE)');
    expect(cfg.env.get('NODE')).toBe('node-1');
    expect(cfg.env.get('LABEL')).toBe('web');
    expect(cfg.env.get('IP')).toBe('10.244.0.5');
    expect(cfg.env.get('HOSTNAME')).toBe('web');
    for (const [k, v] of KUBERNETES_SERVICE_ENV) expect(cfg.env.get(k)).toBe(v);
  });

  it('refuses a required ConfigMap key and runAsNonRoot with a root image (CreateContainerConfigError texts)', () => {
    const fromMap = { name: 'app', image: 'x', env: [{ name: 'K', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } }] };
    expect(() => generateLaunchConfig(pod, fromMap, { config: {} }, ctx)).toThrow('configmap "cm" not found');
    const nonRoot = { name: 'app', image: 'x', securityContext: { runAsNonRoot: true } };
    expect(() => generateLaunchConfig(pod, nonRoot, { config: {} }, ctx)).toThrow(
      'container has runAsNonRoot and image will run as root (pod: "web_team(u-1)", container: app)');
  });

  it('looks a named image user up in /etc/passwd', () => {
    expect(imageUser('nginx', 'root:x:0:0::/root:/bin/sh\nnginx:x:101:101::/nonexistent:/bin/false\n')).toEqual({ uid: 101, gid: 101 });
    expect(imageUser('65532:65532', undefined)).toEqual({ uid: 65532, gid: 65532 });
    expect(imageUser(undefined, undefined)).toEqual({ uid: 0, gid: 0 });
  });
});
