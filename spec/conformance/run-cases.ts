import type { Pod } from '../../lib/api/types.js';
import { getPath, setPath } from '../support/paths.js';
import { loadCases, loadExpectations, type ConformanceCase } from './cases.js';
import type { Door, Outcome } from './doors.js';
import { validatePodEphemeralContainersUpdate } from '../../lib/validation/pod.js';
import { newInvalid } from '../../lib/errors/constructors.js';

/** Sends a case through a door and returns the outcome and the pod stored afterwards. */
async function send(door: Door, c: ConformanceCase): Promise<{ outcome: Outcome; before?: Pod; after?: Pod; rvBefore: number; rvAfter: number }> {
  if (c.operation === 'POST pods') {
    const body = JSON.parse(JSON.stringify(c.create)) as Pod;
    await door.ensureNamespace(body.metadata?.namespace ?? 'default');
    const rvBefore = door.resourceVersion();
    const outcome = await door.postPod(body.metadata?.namespace ?? 'default', body);
    return { outcome, rvBefore, rvAfter: door.resourceVersion() };
  }
  const stored = await door.seed(c.pod!);
  const ns = stored.metadata!.namespace!;
  const name = stored.metadata!.name!;
  let body: Pod;
  if (c.operation === 'PUT pods/{name}') body = JSON.parse(JSON.stringify(c.update)) as Pod;
  else {
    body = JSON.parse(JSON.stringify(stored)) as Pod;
    (body.spec as unknown as Record<string, unknown>)['ephemeralContainers'] = c.ephemeralContainers;
  }
  // The body carries the stored version, as a client that just read the pod would send.
  (body.metadata as Record<string, unknown>)['resourceVersion'] = stored.metadata!.resourceVersion;
  for (const [path, value] of Object.entries(c.bodyOverrides ?? {})) setPath(body, path, value);
  const rvBefore = door.resourceVersion();
  const outcome =
    c.operation === 'PUT pods/{name}' ? await door.putPod(ns, name, body) : await door.putEphemeralContainers(ns, name, body);
  const after = await door.getPod(ns, name);
  return { outcome, before: stored, after, rvBefore, rvAfter: door.resourceVersion() };
}

/** What a case's outcome should be; throws (a jest assertion) when it differs. */
export function checkOutcome(c: ConformanceCase, r: Awaited<ReturnType<typeof send>>): void {
  if (c.expect === 'ok') {
    if (!r.outcome.ok) throw new Error(`expected success, got ${r.outcome.status.code}: ${r.outcome.status.message}`);
    for (const [path, want] of Object.entries(c.expectStored ?? {})) {
      if (path === 'status' && want === 'unchanged') expect(r.after?.status).toEqual(r.before?.status);
      else expect(getPath(r.after, path) ?? null).toEqual(want);
    }
    return;
  }
  const exp = c.expect;
  if (r.outcome.ok) throw new Error(`expected ${exp.code} ${exp.reason}, got success`);
  const st = r.outcome.status;
  expect([st.code, st.reason]).toEqual([exp.code, exp.reason]);
  const causes = st.details?.causes ?? [];
  expect(causes.map((x) => [x.reason, x.field])).toEqual(exp.errors.map((e) => [e.type, e.field]));
  exp.errors.forEach((e, i) => {
    const got = causes[i]?.message ?? '';
    if (e.detailMatch === 'prefix') expect(got.startsWith(e.causeMessage)).toBe(true);
    else expect(got).toBe(e.causeMessage);
  });
  if (exp.message !== undefined) expect(st.message).toBe(exp.message);
  if (exp.messagePrefix !== undefined) expect(st.message?.startsWith(exp.messagePrefix)).toBe(true);
  // A rejected write leaves the stored pod and the resourceVersion as they were.
  if (r.before) expect(r.after).toEqual(r.before);
  expect(r.rvAfter).toBe(r.rvBefore);
}

/** Runs a `defaulting: false` case against validatePodEphemeralContainersUpdate directly. */
function checkValidationLevel(c: ConformanceCase): void {
  const old = c.pod!;
  const next = JSON.parse(JSON.stringify(old)) as Pod;
  (next.spec as unknown as Record<string, unknown>)['ephemeralContainers'] = c.ephemeralContainers;
  const errs = validatePodEphemeralContainersUpdate(next, old);
  const outcome: Outcome = errs.length === 0 ? { ok: true, object: next } : { ok: false, status: newInvalid({ kind: 'Pod' }, old.metadata?.name ?? '', errs).status };
  checkOutcome(c, { outcome, rvBefore: 0, rvAfter: 0 });
}

/** Declares one jest test per case against a door, honouring the expectations manifest. */
export function describeConformance(makeDoor: () => Door | Promise<Door>): void {
  const cases = loadCases();
  const expected = loadExpectations();
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    // A fresh cluster per case: every case starts from its own stored pod.
    const run = async (): Promise<void> => {
      // A case that skips API defaulting is a validation-level case: through an API door the defaulter
      // always runs, so it is checked against the validation entry point, as the Go test does.
      if (!c.defaulting) return checkValidationLevel(c);
      const door = await makeDoor();
      try {
        checkOutcome(c, await send(door, c));
      } finally {
        await door.close();
      }
    };
    const why = expected[c.name];
    if (why === undefined) return run();
    // An expected failure that starts passing fails the run, so the manifest stays honest.
    let passed = true;
    try {
      await run();
    } catch {
      passed = false;
    }
    if (passed) throw new Error(`listed in expectations.json (${why}) but passes now: remove it from the manifest`);
  });
}
