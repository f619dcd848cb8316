import {
  Channel, decodeClientFrame, encodeServerFrame, errorChannelStatus, exitStatus, negotiateStreamProtocol, ResizeDecoder,
} from '../../../lib/server/websocket-channels.js';
import { newInternalError } from '../../../lib/errors/constructors.js';

const V5 = 'v5.channel.k8s.io';
const V4 = 'v4.channel.k8s.io';

describe('remote-command subprotocol negotiation (wsstream handshake)', () => {
  it.each([
    ['v5.channel.k8s.io', V5],
    // client-node's list: the first one offered that the server serves
    ['v5.channel.k8s.io, v4.channel.k8s.io, v3.channel.k8s.io, v2.channel.k8s.io, channel.k8s.io', V5],
    ['v4.channel.k8s.io,v5.channel.k8s.io', V4],
    ['channel.k8s.io, v4.channel.k8s.io', V4],
    ['v3.channel.k8s.io', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('offered %p selects %p', (offered, selected) => {
    expect(negotiateStreamProtocol(offered)).toBe(selected);
  });
});

describe('client messages as wsstream Conn.handle reads them', () => {
  it('channel 0 is stdin and channel 4 is resize', () => {
    expect(decodeClientFrame(Buffer.from([0, 104, 105]), V5)).toEqual({ kind: 'data', channel: 0, payload: Buffer.from('hi') });
    expect(decodeClientFrame(Buffer.from([4, 123, 125]), V5)).toEqual({ kind: 'data', channel: 4, payload: Buffer.from('{}') });
  });

  it('[255, 0] half-closes stdin under v5', () => {
    expect(decodeClientFrame(Buffer.from([255, 0]), V5)).toEqual({ kind: 'close', channel: Channel.stdin });
  });

  it('a close signal without exactly one valid channel byte ends the connection', () => {
    expect(decodeClientFrame(Buffer.from([255]), V5)).toEqual({ kind: 'protocol-error', message: 'single channel byte should follow stream close signal, got 0 bytes' });
    expect(decodeClientFrame(Buffer.from([255, 0, 1]), V5)).toEqual({ kind: 'protocol-error', message: 'single channel byte should follow stream close signal, got 2 bytes' });
    expect(decodeClientFrame(Buffer.from([255, 9]), V5)).toEqual({ kind: 'protocol-error', message: 'close is targeted for a channel 9 that is not valid' });
  });

  it('empty messages, unknown channels and server-written channels are dropped, not fatal', () => {
    expect(decodeClientFrame(Buffer.alloc(0), V5).kind).toBe('ignored');
    expect(decodeClientFrame(Buffer.from([7, 1, 2]), V5)).toEqual({ kind: 'ignored', why: 'frame is targeted for a reader 7 that is not valid' });
    expect(decodeClientFrame(Buffer.from([1, 65]), V5)).toEqual({ kind: 'ignored', why: 'channel 1 is written by the server only' });
    expect(decodeClientFrame(Buffer.from([3, 65]), V5).kind).toBe('ignored');
  });

  it('v4 has no close signal: 255 is just an unknown channel', () => {
    expect(decodeClientFrame(Buffer.from([255, 0]), V4).kind).toBe('ignored');
  });

  it('server frames carry the channel byte first', () => {
    expect([...encodeServerFrame(Channel.stdout, 'ok')]).toEqual([1, 111, 107]);
    expect([...encodeServerFrame(Channel.stdout)]).toEqual([1]);
  });
});

describe('the error channel Status (json.Marshal of metav1.Status, no kind/apiVersion)', () => {
  it('Success', () => {
    expect(errorChannelStatus(exitStatus(0))).toBe('{"metadata":{},"status":"Success"}');
  });

  it('NonZeroExitCode with the ExitCode cause kubectl reads the exit code from', () => {
    expect(errorChannelStatus(exitStatus(3))).toBe(
      '{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: command terminated with exit code 3",' +
        '"reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}',
    );
  });

  it('InternalError keeps its code and cause', () => {
    expect(errorChannelStatus(newInternalError('unable to upgrade connection: container not found ("web")').status)).toBe(
      '{"metadata":{},"status":"Failure","message":"Internal error occurred: unable to upgrade connection: container not found (\\"web\\")",' +
        '"reason":"InternalError","details":{"causes":[{"message":"unable to upgrade connection: container not found (\\"web\\")"}]},"code":500}',
    );
  });
});

describe('the resize channel (handleResizeEvents: a JSON decoder over the stream)', () => {
  it('decodes kubectl\'s TerminalSize objects, across and within messages', () => {
    const d = new ResizeDecoder();
    expect(d.push('{"Width":201,"Height":51}')).toEqual([{ width: 201, height: 51 }]);
    expect(d.push('{"Width":200,')).toEqual([]);
    expect(d.push('"Height":50}\n{"width":80,"height":24}')).toEqual([{ width: 200, height: 50 }, { width: 80, height: 24 }]);
    expect(d.error).toBeUndefined();
  });

  it('matches keys case-insensitively and ignores unknown ones, as encoding/json does', () => {
    expect(new ResizeDecoder().push('{"WIDTH":10,"height":5,"depth":3}')).toEqual([{ width: 10, height: 5 }]);
  });

  it.each([
    ['not json', 'invalid JSON on the resize channel'],
    ['[1,2]', 'cannot unmarshal array into Go value of type remotecommand.TerminalSize'],
    ['{"Width":-1}', 'cannot unmarshal -1 into Go struct field TerminalSize.Width of type uint16'],
    ['{"Height":70000}', 'cannot unmarshal 70000 into Go struct field TerminalSize.Height of type uint16'],
    ['{"Width":"80"}', 'cannot unmarshal "80" into Go struct field TerminalSize.Width of type uint16'],
  ])('%p stops resize handling for the session (%s)', (bad, why) => {
    const d = new ResizeDecoder();
    expect(d.push(`${bad} `)).toEqual([]);
    expect(d.error).toContain(why);
    expect(d.push('{"Width":80,"Height":24}')).toEqual([]);
  });
});
