import type { Container, EphemeralContainer } from '../../../lib/api/types.js';
import { setDefaultsContainer, setDefaultsResourceList } from '../../../lib/defaulting/container.js';

const defaulted = (c: Container | EphemeralContainer): Container => {
  const copy = structuredClone(c);
  setDefaultsContainer(copy);
  return copy as Container;
};

describe('setDefaultsContainer (SetDefaults_Container and the generated per-container defaults)', () => {
  it('sets the pull policy and the termination message path and policy', () => {
    expect(defaulted({ name: 'c', image: 'nginx:1.27' })).toEqual({
      name: 'c', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    });
  });

  it('never overwrites values the client chose', () => {
    const c = defaulted({ name: 'c', image: 'nginx', imagePullPolicy: 'Never', terminationMessagePath: '/tmp/m', terminationMessagePolicy: 'FallbackToLogsOnError' });
    expect([c.imagePullPolicy, c.terminationMessagePath, c.terminationMessagePolicy]).toEqual(['Never', '/tmp/m', 'FallbackToLogsOnError']);
  });

  it('gives ports without protocol TCP and keeps UDP', () => {
    const c = defaulted({ name: 'c', image: 'x', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] });
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }]);
  });

  it('defaults env fieldRef apiVersion to v1 and leaves other sources alone', () => {
    const c = defaulted({ name: 'c', image: 'x', env: [
      { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
    ] });
    expect(c.env).toEqual([
      { name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
    ]);
  });

  it('gives probes timeout 1, period 10, success 1, failure 3 but no initialDelaySeconds, and httpGet path / and scheme HTTP', () => {
    const c = defaulted({ name: 'c', image: 'x', livenessProbe: { httpGet: { port: 8080 }, periodSeconds: 5 } });
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/', port: 8080, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
  });

  it('gives grpc probes an empty service and defaults readiness and startup probes too', () => {
    const c = defaulted({ name: 'c', image: 'x', readinessProbe: { grpc: { port: 2379 } }, startupProbe: { exec: { command: ['true'] }, failureThreshold: 30 } });
    expect(c.readinessProbe?.grpc).toEqual({ port: 2379, service: '' });
    expect(c.startupProbe).toEqual({ exec: { command: ['true'] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 30 });
  });

  it('defaults httpGet in postStart and preStop handlers', () => {
    const c = defaulted({ name: 'c', image: 'x', lifecycle: { postStart: { httpGet: { port: 1 } }, preStop: { httpGet: { path: '/stop', port: 2 } } } });
    expect(c.lifecycle).toEqual({ postStart: { httpGet: { path: '/', port: 1, scheme: 'HTTP' } }, preStop: { httpGet: { path: '/stop', port: 2, scheme: 'HTTP' } } });
  });

  it('applies unchanged to ephemeral containers (SetDefaults_EphemeralContainer)', () => {
    const c = defaulted({ name: 'debugger', image: 'busybox', targetContainerName: 'app' } as EphemeralContainer);
    expect(c).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
  });

  it('does not copy limits into requests (that is SetDefaults_Pod, not the container defaulter)', () => {
    expect(defaulted({ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }).resources).toEqual({ limits: { cpu: '1' } });
  });
});

describe('setDefaultsResourceList (SetDefaults_ResourceList)', () => {
  it('rounds every quantity up to milli precision and writes it in canonical form', () => {
    const list = { cpu: '0.0001', memory: '1.5Gi', 'example.com/x': '100u', ephemeral: '1000m' };
    setDefaultsResourceList(list);
    expect(list).toEqual({ cpu: '1m', memory: '1536Mi', 'example.com/x': '1m', ephemeral: '1' });
  });

  it('leaves unparsable values for validation to report', () => {
    const list = { cpu: 'lots' };
    setDefaultsResourceList(list);
    expect(list).toEqual({ cpu: 'lots' });
  });
});
