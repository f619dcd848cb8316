import { logQuery } from '../../../lib/kubelet/container-logs.js';
import { validateContainerLogStatus } from '../../../lib/kubelet/log-status.js';

describe('logs: which instance and which options', () => {
  const running = { containerStatuses: [{ name: 'app', ready: true, restartCount: 1, image: 'x', imageID: '', containerID: 'containerd://new',
    state: { running: { startedAt: 'x' } }, lastState: { terminated: { exitCode: 1, containerID: 'containerd://old' } } }] };
  it('reads the running instance, or the last terminated one with --previous', () => {
    expect(validateContainerLogStatus('web', running, 'app', false)).toBe('containerd://new');
    expect(validateContainerLogStatus('web', running, 'app', true)).toBe('containerd://old');
  });

  it('explains a container that has no log: not available, image pull errors, waiting reasons', () => {
    expect(() => validateContainerLogStatus('web', running, 'other', false)).toThrow('container "other" in pod "web" is not available');
    const waiting = (reason: string) => ({ containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: 'x', imageID: '', state: { waiting: { reason } } }] });
    expect(() => validateContainerLogStatus('web', waiting('ErrImagePull'), 'app', false)).toThrow('container "app" in pod "web" is waiting to start: image can\'t be pulled');
    expect(() => validateContainerLogStatus('web', waiting('PodInitializing'), 'app', false)).toThrow('container "app" in pod "web" is waiting to start: PodInitializing');
  });

  it('turns sinceSeconds into a time counted back from now', () => {
    expect(logQuery({ sinceSeconds: 10, tailLines: 3, timestamps: true }, 100_000)).toEqual({ sinceTime: 90_000, tailLines: 3, timestamps: true });
    expect(logQuery({ sinceTime: '2024-01-01T00:00:00Z' }, 0)).toEqual({ sinceTime: Date.UTC(2024, 0, 1) });
  });
});
