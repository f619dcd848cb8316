import { execFailure, runcStartError } from '../../../lib/kubelet/container-process.js';

describe('runc start errors', () => {
  it.each([
    ['foo', 'ENOENT', 'exec: "foo": executable file not found in $PATH'],
    ['/nope', 'ENOENT', 'exec: "/nope": stat /nope: no such file or directory'],
    ['/etc/passwd', 'EACCES', 'exec: "/etc/passwd": permission denied'],
  ] as const)('%s (%s)', (name, errno, text) => {
    expect(execFailure(name, errno)).toBe(text);
  });

  it('wraps the failure as containerd 1.7 with runc 1.2 reports it', () => {
    expect(runcStartError('x')).toBe('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: x: unknown');
  });
});
