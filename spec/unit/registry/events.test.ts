/**
 * core/v1 events through the library door (`cluster.events(ns)`): legacy event validation and the
 * `involvedObject.*` field selectors `kubectl describe` lists them with.
 */
import type { Event, Pod } from '../../../lib/api/types.js';
import type { Cluster } from '../../../lib/cluster.js';
import { newCluster, podBody, statusOf } from './helpers.js';

function eventFor(pod: Pod, name: string, reason: string, extra: Partial<Event> = {}): Event {
  const m = pod.metadata!;
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name },
    involvedObject: { kind: 'Pod', namespace: m.namespace!, name: m.name!, uid: m.uid!, apiVersion: 'v1' },
    reason, message: `${reason} happened`, type: 'Normal', source: { component: 'kubelet', host: 'node-1' }, count: 1,
    ...extra,
  };
}

/** Two pods with events, and one event of another pod with the same name in another namespace. */
function withEvents(): { cluster: Cluster; web: Pod } {
  const cluster = newCluster();
  cluster.namespaces.create({ metadata: { name: 'team' } });
  const web = cluster.pods().create(podBody('web'));
  const db = cluster.pods().create(podBody('db'));
  const other = cluster.pods('team').create(podBody('web'));
  cluster.events().create(eventFor(web, 'web.1', 'Scheduled', { source: { component: 'default-scheduler' } }));
  cluster.events().create(eventFor(web, 'web.2', 'Pulling'));
  cluster.events().create(eventFor(db, 'db.1', 'BackOff', { type: 'Warning' }));
  cluster.events('team').create(eventFor(other, 'web.1', 'Pulling'));
  return { cluster, web };
}

const names = (events: readonly Event[]): string[] => events.map((e) => `${e.metadata?.namespace ?? ''}/${e.metadata?.name ?? ''}`);

describe('events', () => {
  it('kubectl describe finds a pod\'s events by involvedObject.name, namespace and uid', () => {
    const { cluster, web } = withEvents();
    const selector = `involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=${web.metadata!.uid!}`;
    expect(names(cluster.events().list({ fieldSelector: selector, limit: 500 }).items)).toEqual(['default/web.1', 'default/web.2']);
  });

  it('across namespaces, involvedObject.name alone matches both pods named web', () => {
    const { cluster } = withEvents();
    expect(names(cluster.events('').list({ fieldSelector: 'involvedObject.name=web' }).items)).toEqual(['default/web.1', 'default/web.2', 'team/web.1']);
  });

  it.each([
    ['involvedObject.kind=Pod', ['default/db.1', 'default/web.1', 'default/web.2']],
    ['reason=BackOff', ['default/db.1']],
    ['type=Warning', ['default/db.1']],
    ['source=default-scheduler', ['default/web.1']],
    ['type!=Warning,reason=Pulling', ['default/web.2']],
  ])('fieldSelector %s', (selector, want) => {
    const { cluster } = withEvents();
    expect(names(cluster.events().list({ fieldSelector: selector }).items)).toEqual(want);
  });

  it('an event must sit in its object\'s namespace: 422 `involvedObject.namespace: … does not match event.namespace`', () => {
    const { cluster, web } = withEvents();
    const st = statusOf(() => cluster.events('team').create(eventFor(web, 'x', 'Pulling')));
    expect(st.message).toBe('Event "x" is invalid: involvedObject.namespace: Invalid value: "default": does not match event.namespace');
  });

  it('an event about a cluster-scoped object (no namespace) may live in default', () => {
    const cluster = newCluster();
    const ev = cluster.events().create({ metadata: { name: 'n1.1' }, involvedObject: { kind: 'Node', name: 'n1', uid: 'n1' }, reason: 'Starting', type: 'Normal' });
    expect(ev.metadata?.namespace).toBe('default');
  });

  it('an event with eventTime must name reportingComponent, reportingInstance and action', () => {
    const { cluster, web } = withEvents();
    const st = statusOf(() => cluster.events().create(eventFor(web, 'new', 'Pulling', { eventTime: '2024-01-01T00:00:00.000000Z' })));
    expect(st.details?.causes?.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'reportingComponent: Required value',
      'reportingComponent: Invalid value: "": name part must be non-empty',
      'reportingComponent: Invalid value: "": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
      'reportingInstance: Required value',
      'action: Required value',
    ]);
  });

  it('a recorder bumps the count with a patch', () => {
    const { cluster } = withEvents();
    expect(cluster.events().patch('web.2', 'strategic', { count: 2, lastTimestamp: '2024-01-01T00:01:00Z' }).count).toBe(2);
  });

  it('events in a terminating namespace are refused like any other object', () => {
    const { cluster, web } = withEvents();
    cluster.namespaces.delete('team');
    const st = statusOf(() => cluster.events('team').create(eventFor({ ...web, metadata: { ...web.metadata, namespace: 'team' } }, 'late', 'Killing')));
    expect([st.code, st.message]).toEqual([403, 'events "late" is forbidden: unable to create new content in namespace team because it is being terminated']);
  });
});
