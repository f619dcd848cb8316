import { main } from '../../examples/crash-loop-and-debug.js';

describe('examples/crash-loop-and-debug', () => {
  it('shows CrashLoopBackOff with a growing back-off and an ephemeral container that exits and is never restarted', () => {
    const lines: string[] = [];
    main((l) => lines.push(l));
    expect(lines).toContain('+1.0s web: phase Running, restarts 1, waiting CrashLoopBackOff: back-off 10s restarting failed container=app pod=web_default(…)');
    expect(lines).toContain('kubectl logs web --previous: boom');
    expect(lines.some((l) => /debugger: running$/.test(l))).toBe(true);
    expect(lines.some((l) => /debugger: terminated Completed \(exit 0\), restarts 0$/.test(l))).toBe(true);
    expect(lines).toContain('kubectl logs web -c debugger: looking around');
  });
});
