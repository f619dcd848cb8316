import { writable } from '../../../lib/api/types.js';
import { podStatusPatch } from '../../../lib/scheduler/pod-condition.js';
import { makePod } from './fixtures.js';

const NOW = Date.UTC(2024, 0, 1, 0, 5);
const unschedulable = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.' } as const;

describe('updatePod / UpdatePodCondition', () => {
  it('adds PodScheduled=False with lastProbeTime null and the current transition time', () => {
    expect(podStatusPatch(makePod('p'), unschedulable, undefined, NOW)).toEqual({
      status: {
        conditions: [
          { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2024-01-01T00:05:00Z', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.' },
        ],
      },
    });
  });

  it('writes nothing when the condition and the nomination are unchanged', () => {
    const pod = makePod('p', (p) => {
      writable(p).status = { conditions: [{ ...unschedulable, lastProbeTime: null as unknown as string, lastTransitionTime: '2024-01-01T00:00:00Z' }] };
    });
    expect(podStatusPatch(pod, unschedulable, undefined, NOW)).toBeUndefined();
  });

  it('keeps the transition time when only the reason or message changes (SchedulingGated → Unschedulable)', () => {
    const pod = makePod('p', (p) => {
      writable(p).status = { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', lastTransitionTime: '2024-01-01T00:00:00Z' }] };
    });
    const patch = podStatusPatch(pod, unschedulable, undefined, NOW) as { status: { conditions: { lastTransitionTime: string }[] } };
    expect(patch.status.conditions[0]!.lastTransitionTime).toBe('2024-01-01T00:00:00Z');
  });

  it('sets and clears status.nominatedNodeName', () => {
    const pod = makePod('p', (p) => {
      writable(p).status = { conditions: [{ ...unschedulable, lastTransitionTime: '2024-01-01T00:00:00Z' }] };
    });
    expect(podStatusPatch(pod, unschedulable, 'n1', NOW)).toEqual({ status: { nominatedNodeName: 'n1' } });
    const nominated = makePod('p', (p) => {
      writable(p).status = { nominatedNodeName: 'n1', conditions: [{ ...unschedulable, lastTransitionTime: '2024-01-01T00:00:00Z' }] };
    });
    expect(podStatusPatch(nominated, unschedulable, '', NOW)).toEqual({ status: { nominatedNodeName: null } });
  });
});
