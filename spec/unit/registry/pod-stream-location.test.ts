import type { Pod } from '../../../lib/api/types.js';
import { StatusError } from '../../../lib/errors/status-error.js';
import { logLocation, streamLocation, validateContainer, validatePodLogOptions, type PodLogOptions } from '../../../lib/registry/pod/stream-location.js';

const pod = (containers: string[], extra: Partial<NonNullable<Pod['spec']>> = {}, nodeName = 'node-1'): Pod => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: { nodeName, containers: containers.map((name) => ({ name, image: 'busybox' })), ...extra },
});
const failure = (fn: () => unknown): { code: number; message: string } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('no error');
};

describe('validateContainer (pkg/registry/core/pod/strategy.go)', () => {
  it('defaults to the only container, even when init and ephemeral containers exist', () => {
    expect(validateContainer('', pod(['app'], { initContainers: [{ name: 'init', image: 'x' }], ephemeralContainers: [{ name: 'dbg', image: 'x' }] }))).toBe('app');
  });

  it.each([
    ['a container name must be specified for pod web, choose one of: [init a b dbg]', pod(['a', 'b'], { initContainers: [{ name: 'init', image: 'x' }], ephemeralContainers: [{ name: 'dbg', image: 'x' }] }), ''],
    ['a container name must be specified for pod web', pod([]), ''],
    ['container nope is not valid for pod web', pod(['a']), 'nope'],
  ])('400 %s', (message, p, c) => {
    expect(failure(() => validateContainer(c, p))).toEqual({ code: 400, message });
  });

  it('accepts init and ephemeral containers by name', () => {
    const p = pod(['a', 'b'], { initContainers: [{ name: 'init', image: 'x' }], ephemeralContainers: [{ name: 'dbg', image: 'x' }] });
    expect([validateContainer('init', p), validateContainer('dbg', p)]).toEqual(['init', 'dbg']);
  });
});

describe('streamLocation and logLocation', () => {
  it('exec and attach need a node; the container is checked first', () => {
    expect(streamLocation(pod(['a']), '')).toEqual({ container: 'a', nodeName: 'node-1' });
    expect(failure(() => streamLocation(pod(['a'], {}, ''), ''))).toEqual({ code: 400, message: 'pod web does not have a host assigned' });
    expect(failure(() => streamLocation(pod(['a'], {}, ''), 'x')).message).toBe('container x is not valid for pod web');
  });

  it('logs of an unbound pod have no location (an empty answer, not an error)', () => {
    expect(logLocation(pod(['a'], {}, ''), '')).toEqual({ container: 'a', nodeName: '' });
  });
});

describe('ValidatePodLogOptions', () => {
  const base: PodLogOptions = { container: '', follow: false, previous: false, timestamps: false };
  it.each([
    [{ tailLines: -1 }, 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0'],
    [{ limitBytes: 0 }, 'PodLogOptions "web" is invalid: limitBytes: Invalid value: 0: must be greater than 0'],
    [{ sinceSeconds: 0 }, 'PodLogOptions "web" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0'],
    [{ sinceSeconds: 0, sinceTime: '2024-01-01T00:00:00Z' }, 'PodLogOptions "web" is invalid: []: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified'],
    [{ tailLines: -1, limitBytes: -5 }, 'PodLogOptions "web" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: -5: must be greater than 0]'],
  ])('%p → 422', (o, message) => {
    expect(failure(() => validatePodLogOptions('web', { ...base, ...o }))).toEqual({ code: 422, message });
  });

  it('accepts zero tail lines and positive limits', () => {
    expect(() => validatePodLogOptions('web', { ...base, tailLines: 0, limitBytes: 1, sinceSeconds: 1 })).not.toThrow();
  });
});
