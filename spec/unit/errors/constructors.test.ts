import {
  isConflict, isNotFound, newAlreadyExists, newBadRequest, newConflict, newInvalid, newMethodNotSupported, newNotFound, newNotFoundPath,
  newResourceExpired, OptimisticLockErrorMsg, newInternalError, newForbidden, newUnsupportedMediaType,
} from '../../../lib/errors/constructors.js';
import { forbidden, required } from '../../../lib/field/errors.js';

describe('Status errors as apimachinery builds them', () => {
  it('NotFound names the resource in details.kind and message', () => {
    expect(newNotFound({ resource: 'pods' }, 'web').status).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "web" not found', reason: 'NotFound',
      details: { name: 'web', kind: 'pods' }, code: 404,
    });
  });
  it('serialises keys in Go struct order', () => {
    expect(Object.keys(newNotFound({ resource: 'pods' }, 'x').status)).toEqual(['kind', 'apiVersion', 'metadata', 'status', 'message', 'reason', 'details', 'code']);
  });
  it('AlreadyExists is a 409', () => {
    const e = newAlreadyExists({ resource: 'pods' }, 'web');
    expect([e.code, e.reason, e.message]).toEqual([409, 'AlreadyExists', 'pods "web" already exists']);
  });
  it('Conflict carries the optimistic-lock message', () => {
    const e = newConflict({ resource: 'pods' }, 'web', OptimisticLockErrorMsg);
    expect(e.message).toBe('Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again');
    expect(isConflict(e)).toBe(true);
  });
  it('Invalid names the Kind and lists causes in order', () => {
    const e = newInvalid({ kind: 'Pod' }, 'x', [forbidden('spec.ephemeralContainers[0].ports', 'cannot be set for an Ephemeral Container'), required('spec.containers')]);
    expect(e.status.details).toEqual({
      name: 'x', kind: 'Pod',
      causes: [
        { reason: 'FieldValueForbidden', message: 'Forbidden: cannot be set for an Ephemeral Container', field: 'spec.ephemeralContainers[0].ports' },
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers' },
      ],
    });
    expect(e.message).toBe('Pod "x" is invalid: [spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container, spec.containers: Required value]');
    expect(e.code).toBe(422);
  });
  it('Invalid with the root path renders [] (the static-pod error)', () => {
    expect(newInvalid({ kind: 'Pod' }, 'x', [forbidden('[]', 'static pods do not support ephemeral containers')]).message).toBe(
      'Pod "x" is invalid: []: Forbidden: static pods do not support ephemeral containers',
    );
  });
  it('BadRequest has no details', () => {
    expect(newBadRequest('nope').status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'nope', reason: 'BadRequest', code: 400 });
  });
  it('MethodNotAllowed from the router has empty details', () => {
    expect(newMethodNotSupported().status.details).toEqual({});
    expect(newMethodNotSupported().code).toBe(405);
  });
  it('an unknown path is a 404 with empty details', () => {
    const e = newNotFoundPath();
    expect([e.code, e.message, e.status.details]).toEqual([404, 'the server could not find the requested resource', {}]);
    expect(isNotFound(e)).toBe(true);
  });
  it('Expired is a 410', () => {
    expect(newResourceExpired('too old resource version: 1 (5)').code).toBe(410);
  });
  it('Forbidden, InternalError and UnsupportedMediaType carry their codes', () => {
    expect(newForbidden({ resource: 'pods' }, 'x', 'no').message).toBe('pods "x" is forbidden: no');
    expect(newInternalError('boom').code).toBe(500);
    expect(newUnsupportedMediaType(['application/json']).code).toBe(415);
  });
});
