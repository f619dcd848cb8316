import type { Pod } from '../../lib/api/types.js';
import { setPath } from '../support/paths.js';
import { loadCases, type ConformanceCase } from './cases.js';
import { httpDoor, libraryDoor, type Door, type Outcome } from './doors.js';
import { describeConformance } from './run-cases.js';

describe('ephemeral-cases.json through the HTTP door (fetch against serve(), JSON bodies)', () => {
  describeConformance(httpDoor);
});

/** Makes the case's request through `door`, the way run-cases.ts does, and returns its outcome. */
async function outcomeThrough(door: Door, c: ConformanceCase): Promise<Outcome> {
  if (c.operation === 'POST pods') {
    const body = JSON.parse(JSON.stringify(c.create)) as Pod;
    const ns = body.metadata?.namespace ?? 'default';
    await door.ensureNamespace(ns);
    return door.postPod(ns, body);
  }
  const stored = await door.seed(c.pod!);
  const ns = stored.metadata!.namespace!;
  const name = stored.metadata!.name!;
  const body = JSON.parse(JSON.stringify(c.operation === 'PUT pods/{name}' ? c.update : stored)) as Pod;
  if (c.operation !== 'PUT pods/{name}') (body.spec as unknown as Record<string, unknown>)['ephemeralContainers'] = c.ephemeralContainers;
  (body.metadata as Record<string, unknown>)['resourceVersion'] = stored.metadata!.resourceVersion;
  for (const [path, value] of Object.entries(c.bodyOverrides ?? {})) setPath(body, path, value);
  return c.operation === 'PUT pods/{name}' ? door.putPod(ns, name, body) : door.putEphemeralContainers(ns, name, body);
}

/** The part of an outcome both doors must agree on: the object written, or the whole Status (code, reason, message, details, causes). */
function comparable(o: Outcome): unknown {
  if (o.ok) {
    const { kind: _k, apiVersion: _a, ...object } = o.object;
    return { ok: JSON.parse(JSON.stringify(object)) as unknown };
  }
  const { kind: _k, apiVersion: _a, ...status } = o.status as typeof o.status & { kind?: string; apiVersion?: string };
  return status;
}

describe('the HTTP door answers every case as the library door does: the same object written, or the same Status with its message and causes', () => {
  const cases = loadCases().filter((c) => c.defaulting);
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const lib = libraryDoor();
    const http = await httpDoor();
    try {
      const [viaLibrary, viaHttp] = [await outcomeThrough(lib, c), await outcomeThrough(http, c)];
      expect(comparable(viaHttp)).toEqual(comparable(viaLibrary));
      if (!viaHttp.ok) expect(viaHttp.status).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure' });
    } finally {
      await lib.close();
      await http.close();
    }
  });
});
