import { VirtualClock } from '../../../lib/clock/virtual-clock.js';
import { EventBroadcaster, objectReference } from '../../../lib/scheduler/event-broadcaster.js';
import { FakeEventSink } from './fake-event-sink.js';
import { makePod } from './fixtures.js';

function setup() {
  const clock = new VirtualClock(Date.UTC(2024, 0, 1));
  const sink = new FakeEventSink();
  const recorder = new EventBroadcaster(clock, sink.forNamespace).newRecorder('default-scheduler', 'default-scheduler-host');
  return { clock, sink, recorder };
}
const ref = objectReference(makePod('web'), 'Pod');

describe('EventBroadcaster (client-go tools/events)', () => {
  it('creates the core/v1 form of an events.k8s.io event', () => {
    const { sink, recorder } = setup();
    recorder.eventf(ref, undefined, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/web to n1');
    expect(sink.calls).toHaveLength(1);
    expect(sink.calls[0]!.body).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.17a6101701650000', namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'uid-web', apiVersion: 'v1', resourceVersion: '1' },
      reason: 'Scheduled',
      message: 'Successfully assigned default/web to n1',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: 'Normal',
      eventTime: '2024-01-01T00:00:00.000000Z',
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-host',
    });
  });

  it('names events NAME.<hex unix nanoseconds>, unique within one millisecond', () => {
    const { sink, recorder } = setup();
    recorder.eventf(ref, undefined, 'Normal', 'A', 'x', 'one');
    recorder.eventf(ref, undefined, 'Normal', 'B', 'x', 'two');
    expect(sink.calls.map((c) => c.name)).toEqual(['web.17a6101701650000', 'web.17a6101701650001']);
  });

  it('patches series.count 2 on the first isomorphic repeat, then counts in memory until the series ends', () => {
    const { clock, sink, recorder } = setup();
    recorder.eventf(ref, undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'm');
    clock.advance(60_000);
    recorder.eventf(ref, undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'm');
    expect(sink.calls[1]).toEqual({ verb: 'patch', name: 'web.17a6101701650000', body: { series: { count: 2, lastObservedTime: '2024-01-01T00:01:00.000000Z' } } });
    clock.advance(60_000);
    recorder.eventf(ref, undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'm');
    expect(sink.calls).toHaveLength(2);
    // Six minutes after the last observation the series is finished: the final count is written.
    clock.advance(12 * 60_000);
    expect(sink.calls[2]).toEqual({ verb: 'patch', name: 'web.17a6101701650000', body: { series: { count: 3, lastObservedTime: '2024-01-01T00:02:00.000000Z' } } });
    // A later repeat starts afresh.
    recorder.eventf(ref, undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'm');
    expect(sink.calls[3]!.verb).toBe('create');
  });

  it('treats another resourceVersion of the regarding object as another event', () => {
    const { sink, recorder } = setup();
    recorder.eventf(ref, undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'm');
    recorder.eventf({ ...ref, resourceVersion: '2' }, undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'm');
    expect(sink.calls.map((c) => c.verb)).toEqual(['create', 'create']);
  });
});
