import { StatusError } from '../../../lib/errors/status-error.js';
import {
  deleteOptionsFromQuery, listOptionsFromQuery, managerOrUserAgent, parseInt64, patchOptionsFromQuery, validateDeleteOptions,
  validateListOptions, writeOptionsFromQuery,
} from '../../../lib/server/query-options.js';

const q = (s: string): URLSearchParams => new URLSearchParams(s);

/** The Status a call throws. */
function statusOf(fn: () => unknown): StatusError['status'] {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('did not throw');
}

describe('CreateOptions/UpdateOptions from the query (ValidateCreateOptions)', () => {
  it('reads dryRun (all values), fieldManager and fieldValidation', () => {
    expect(writeOptionsFromQuery(q('dryRun=All&fieldManager=kubectl-create&fieldValidation=Strict'), 'CreateOptions')).toEqual({
      dryRun: ['All'], fieldManager: 'kubectl-create', fieldValidation: 'Strict',
    });
  });

  it('rejects a dryRun value other than All with 422 CreateOptions.meta.k8s.io', () => {
    const s = statusOf(() => writeOptionsFromQuery(q('dryRun=Server'), 'CreateOptions'));
    expect(s.code).toBe(422);
    expect(s.message).toBe('CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Server"]: supported values: "All"');
    expect(s.details).toEqual({ group: 'meta.k8s.io', kind: 'CreateOptions', causes: [{ reason: 'FieldValueNotSupported', message: 'Unsupported value: ["Server"]: supported values: "All"', field: 'dryRun' }] });
  });

  it('rejects an unknown fieldValidation, listing "", Ignore, Strict, Warn', () => {
    const s = statusOf(() => writeOptionsFromQuery(q('fieldValidation=strict'), 'UpdateOptions'));
    expect(s.message).toBe('UpdateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"');
  });

  it('rejects a fieldManager over 128 bytes or with unprintable characters', () => {
    expect(statusOf(() => writeOptionsFromQuery(q(`fieldManager=${'m'.repeat(129)}`), 'CreateOptions')).message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes',
    );
    expect(statusOf(() => writeOptionsFromQuery(q('fieldManager=a%07b'), 'CreateOptions')).message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\ab": invalid character U+0007 (at position 1)',
    );
  });
});

describe('PatchOptions (ValidatePatchOptions)', () => {
  it('requires a fieldManager for apply patches', () => {
    expect(statusOf(() => patchOptionsFromQuery(q(''), true)).message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });

  it('forbids force on other patches', () => {
    expect(statusOf(() => patchOptionsFromQuery(q('force=true'), false)).message).toBe('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
    expect(patchOptionsFromQuery(q('fieldManager=me&force=false'), true)).toEqual({ dryRun: [], fieldManager: 'me', fieldValidation: '', force: false });
  });
});

describe('the default field manager (managerOrUserAgent)', () => {
  it('is the user agent up to its first slash', () => {
    expect(managerOrUserAgent('', 'kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07')).toBe('kubectl');
    expect(managerOrUserAgent('mine', 'kubectl/v1.32.4')).toBe('mine');
    expect(managerOrUserAgent('', undefined)).toBe('');
    expect(managerOrUserAgent('', `${'u'.repeat(200)}/1`)).toBe('u'.repeat(128));
  });
});

describe('DeleteOptions from the query and ValidateDeleteOptions', () => {
  it('parses gracePeriodSeconds as an int64, 400 with strconv.ParseInt text otherwise', () => {
    expect(deleteOptionsFromQuery(q('gracePeriodSeconds=0&propagationPolicy=Background&dryRun=All'))).toEqual({ gracePeriodSeconds: 0, propagationPolicy: 'Background', dryRun: ['All'] });
    const s = statusOf(() => deleteOptionsFromQuery(q('gracePeriodSeconds=soon')));
    expect(s).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'strconv.ParseInt: parsing "soon": invalid syntax', reason: 'BadRequest', code: 400 });
    expect(() => parseInt64('9223372036854775808')).toThrow('strconv.ParseInt: parsing "9223372036854775808": value out of range');
  });

  it('rejects an unknown propagationPolicy and orphanDependents together with a policy', () => {
    expect(statusOf(() => validateDeleteOptions({ propagationPolicy: 'Later' })).message).toBe(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Later": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
    expect(statusOf(() => validateDeleteOptions({ orphanDependents: true, propagationPolicy: 'Orphan' })).message).toBe(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set',
    );
  });
});

describe('ListOptions from the query (ValidateListOptions)', () => {
  it('reads selectors, paging, bookmarks and booleans as Convert_Slice_string_To_bool does', () => {
    expect(listOptionsFromQuery(q('labelSelector=a%3Db&limit=2&continue=t&watch=1&allowWatchBookmarks=false&timeoutSeconds=30'))).toEqual({
      labelSelector: 'a=b', limit: 2, continue: 't', watch: true, allowWatchBookmarks: false, timeoutSeconds: 30,
    });
    expect(listOptionsFromQuery(q('watch=FALSE')).watch).toBe(false);
    expect(listOptionsFromQuery(q('watch=yes')).watch).toBe(true);
  });

  it('forbids sendInitialEvents on a list', () => {
    expect(statusOf(() => validateListOptions(listOptionsFromQuery(q('sendInitialEvents=true')), false)).message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list',
    );
  });

  it('requires resourceVersionMatch=NotOlderThan with sendInitialEvents on a watch', () => {
    expect(statusOf(() => validateListOptions(listOptionsFromQuery(q('watch=1&sendInitialEvents=true')), true)).message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    );
    expect(() => validateListOptions(listOptionsFromQuery(q('watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan')), true)).not.toThrow();
  });

  it('forbids resourceVersionMatch without resourceVersion on a list', () => {
    expect(statusOf(() => validateListOptions(listOptionsFromQuery(q('resourceVersionMatch=Exact')), false)).message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
  });
});
