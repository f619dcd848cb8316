import { StatusError } from '../../../lib/errors/status-error.js';
import { decodeDeleteOptionsBody } from '../../../lib/server/request-body.js';

const b = (s: string): Buffer => Buffer.from(s);
const statusOf = (fn: () => unknown): Record<string, unknown> => {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status as unknown as Record<string, unknown>;
    throw e;
  }
  throw new Error('expected a StatusError');
};
const scheme = 'k8s.io/apimachinery/pkg/apis/meta/internalversion/scheme/register.go:27';

describe('decodeDeleteOptionsBody: the kind of a DELETE body (metainternalversionscheme, UseOrCreateObject)', () => {
  it('answers a body of a kind the meta scheme never registered with NotRegistered as a reasonless 500', () => {
    expect(statusOf(() => decodeDeleteOptionsBody(b('{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"}}'), 'application/json'))).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500,
      message: `no kind "Pod" is registered for version "v1" in scheme "${scheme}"`,
    });
  });

  it('names the request default version meta.k8s.io/v1 when the body has no apiVersion', () => {
    expect(statusOf(() => decodeDeleteOptionsBody(b('kind: Binding\n'), 'application/yaml')).message).toBe(`no kind "Binding" is registered for version "meta.k8s.io/v1" in scheme "${scheme}"`);
  });

  it('decodes DeleteOptions of any version, and a body without a kind as DeleteOptions', () => {
    for (const apiVersion of ['v1', 'meta.k8s.io/v1', 'v2', 'apps/v1']) {
      expect(decodeDeleteOptionsBody(b(JSON.stringify({ kind: 'DeleteOptions', apiVersion, gracePeriodSeconds: 5 })), 'application/json')).toEqual({ gracePeriodSeconds: 5 });
    }
    expect(decodeDeleteOptionsBody(b('{"dryRun":["All"]}'), 'application/json')).toEqual({ dryRun: ['All'] });
  });
});
