import { VirtualClock } from '../../../lib/clock/virtual-clock.js';
import { EventBroadcaster, objectReference } from '../../../lib/controllers/event-recorder.js';
import { FakeEventSink } from '../scheduler/fake-event-sink.js';
import { makePod } from '../scheduler/fixtures.js';

function setup() {
  const clock = new VirtualClock(Date.UTC(2024, 0, 1));
  const sink = new FakeEventSink();
  const recorder = new EventBroadcaster({ clock, events: sink.forNamespace }).newRecorder({ component: 'kubelet', host: 'node-1' });
  return { clock, sink, recorder };
}
const ref = objectReference(makePod('web'), 'Pod', 'v1', 'spec.containers{app}');

describe('EventRecorder (client-go tools/record)', () => {
  it('creates a core/v1 event with source, timestamps and count 1', () => {
    const { sink, recorder } = setup();
    recorder.event(ref, 'Normal', 'Pulling', 'Pulling image "busybox"');
    expect(sink.calls[0]!.body).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.17a6101701650000', namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'uid-web', apiVersion: 'v1', resourceVersion: '1', fieldPath: 'spec.containers{app}' },
      reason: 'Pulling',
      message: 'Pulling image "busybox"',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2024-01-01T00:00:00Z',
      lastTimestamp: '2024-01-01T00:00:00Z',
      count: 1,
      type: 'Normal',
      eventTime: null,
      reportingComponent: 'kubelet',
      reportingInstance: 'node-1',
    });
  });

  it('counts an identical event by patching count, lastTimestamp and message of the first', () => {
    const { clock, sink, recorder } = setup();
    recorder.event(ref, 'Warning', 'BackOff', 'Back-off restarting failed container');
    clock.advance(10_000);
    recorder.event(ref, 'Warning', 'BackOff', 'Back-off restarting failed container');
    expect(sink.calls[1]).toEqual({
      verb: 'patch',
      name: 'web.17a6101701650000',
      body: { count: 2, lastTimestamp: '2024-01-01T00:00:10Z', message: 'Back-off restarting failed container' },
    });
  });

  it('drops events of another type than Normal or Warning', () => {
    const { sink, recorder } = setup();
    recorder.event(ref, 'Info', 'X', 'y');
    expect(sink.calls).toHaveLength(0);
  });

  it('combines the 10th distinct message of a reason within 10 minutes into "(combined from similar events): …"', () => {
    const { sink, recorder } = setup();
    for (let i = 1; i <= 10; i++) recorder.event(ref, 'Warning', 'Failed', `error ${i}`);
    const last = sink.calls[9]!.body as { message: string; count: number };
    expect(last.message).toBe('(combined from similar events): error 10');
    recorder.event(ref, 'Warning', 'Failed', 'error 11');
    expect(sink.calls[10]).toMatchObject({ verb: 'patch', body: { count: 2, message: '(combined from similar events): error 11' } });
  });

  it('lets 25 events per object through, then one per 5 minutes (spam filter)', () => {
    const { clock, sink, recorder } = setup();
    for (let i = 0; i < 30; i++) recorder.event(ref, 'Normal', 'Same', 'same message');
    expect(sink.calls).toHaveLength(25);
    clock.advance(300_000);
    recorder.event(ref, 'Normal', 'Same', 'same message');
    expect(sink.calls).toHaveLength(26);
    // Counts observed while filtered still count: the next patch says 31.
    expect(sink.calls[25]!.body).toMatchObject({ count: 31 });
  });
});
