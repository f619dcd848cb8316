import { decodeMessage } from '../../../lib/server/protobuf/decode.js';
import { decodeObjectBody } from '../../../lib/server/request-body.js';

/**
 * A tiny protobuf writer, field numbers written out by hand from k8s.io/api core/v1 generated.proto, so
 * the decoder's table is checked against an independent reading of the .proto.
 */
const varintBytes = (v: bigint): number[] => {
  const out: number[] = [];
  let x = BigInt.asUintN(64, v);
  do {
    const b = Number(x & 0x7fn);
    x >>= 7n;
    out.push(x > 0n ? b | 0x80 : b);
  } while (x > 0n);
  return out;
};
type Part = Buffer;
const msg = (num: number, ...parts: Part[]): Part => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([...varintBytes(BigInt((num << 3) | 2)), ...varintBytes(BigInt(body.length))]), body]);
};
const str = (num: number, s: string): Part => msg(num, Buffer.from(s));
const int = (num: number, v: number | bigint): Part => Buffer.from([...varintBytes(BigInt(num << 3)), ...varintBytes(BigInt(v))]);
const bool = (num: number, v: boolean): Part => int(num, v ? 1 : 0);
const entry = (num: number, k: string, v: Part): Part => msg(num, str(1, k), v);
const quantity = (num: number, q: string): Part => msg(num, str(1, q));
const intOrInt = (num: number, i: number): Part => msg(num, int(1, 0), int(2, i), str(3, ''));
const intOrStr = (num: number, s: string): Part => msg(num, int(1, 1), int(2, 0), str(3, s));
const envelope = (raw: Part): Buffer =>
  Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), msg(1, str(1, 'v1'), str(2, 'Pod')), msg(2, raw), str(3, ''), str(4, '')]);

// ObjectMeta (gogo writes every non-pointer field, empty ones too).
const meta = Buffer.concat([
  str(1, 'myapp-debug'), str(2, ''), str(3, 'default'), str(4, ''), str(5, ''), str(6, ''), int(7, 0), msg(8, int(1, 1700000000), int(2, 0)),
  entry(12, 'note', str(2, 'kept')),
  msg(13, str(1, 'ReplicaSet'), str(3, 'rs-1'), str(4, 'u-1'), str(5, 'apps/v1'), bool(6, true)),
]);
const container = Buffer.concat([
  str(1, 'myapp'), str(2, 'busybox:1.28'), str(4, 'sleep'), str(4, '1d'), str(5, ''),
  msg(6, str(1, 'http'), int(2, 0), int(3, 8080), str(4, 'TCP'), str(5, '')),
  msg(7, str(1, 'NODE'), str(2, ''), msg(3, msg(1, str(1, 'v1'), str(2, 'spec.nodeName')))),
  msg(19, str(1, 'CFG_'), msg(2, msg(1, str(1, 'cm')), bool(2, true))),
  msg(8, entry(1, 'cpu', quantity(2, '500m')), entry(2, 'memory', quantity(2, '64Mi'))),
  msg(9, str(1, 'data'), bool(2, true), str(3, '/data'), str(4, ''), str(6, '')),
  msg(10, msg(1, msg(2, str(1, '/healthz'), intOrStr(2, 'http'), str(3, ''), str(4, 'HTTP'))), int(2, 5), int(3, 1), int(4, 10), int(5, 1), int(6, 3)),
  msg(11, msg(1, msg(3, intOrInt(1, 8080), str(2, ''))), int(2, 0), int(3, 1), int(4, 10), int(5, 1), int(6, 3)),
  msg(22, msg(1, msg(4, int(1, 9090), str(2, 'svc'))), int(3, 1), int(4, 10), int(5, 1), int(6, 3)),
  msg(12, msg(2, msg(1, str(1, 'sh'), str(1, '-c'), str(1, 'sleep 5')))),
  str(13, '/dev/termination-log'), str(20, 'File'), str(14, 'IfNotPresent'),
  msg(15, msg(1, str(1, 'SYS_PTRACE'), str(2, 'ALL')), bool(2, false), msg(11, str(1, 'RuntimeDefault'))),
  bool(16, false), bool(17, false), bool(18, false),
  int(99, 7), // a field this schema does not know: skipped
]);
const debugContainer = Buffer.concat([msg(1, str(1, 'debugger'), str(2, 'ubuntu'), bool(16, true), bool(18, true)), str(2, 'myapp')]);
const spec = Buffer.concat([
  msg(1, str(1, 'data'), msg(2, msg(2, str(1, 'Memory'), quantity(2, '1Gi')))),
  msg(1, str(1, 'cfg'), msg(2, msg(19, msg(1, str(1, 'app-config')), msg(2, str(1, 'k'), str(2, 'k.txt'), int(3, 0o400)), int(3, 420)))),
  msg(1, str(1, 'kube-api-access'), msg(2, msg(26,
    msg(1, msg(4, str(1, ''), int(2, 3607), str(3, 'token'))),
    msg(1, msg(3, msg(1, str(1, 'kube-root-ca.crt')), msg(2, str(1, 'ca.crt'), str(2, 'ca.crt')))),
    msg(1, msg(2, msg(1, str(1, 'namespace'), msg(2, str(1, 'v1'), str(2, 'metadata.namespace'))))),
    int(2, 420),
  ))),
  msg(1, str(1, 'host'), msg(2, msg(1, str(1, '/var/log'), str(2, 'Directory')))),
  msg(1, str(1, 'claim'), msg(2, msg(10, str(1, 'pvc-1'), bool(2, false)))),
  msg(2, container),
  msg(34, debugContainer),
  str(3, 'Never'), int(4, 30), str(6, 'ClusterFirst'), str(8, 'default'), str(9, 'default'), str(10, ''),
  bool(11, false), bool(12, false), bool(13, false), bool(27, true),
  msg(14, int(4, 1000), int(4, 2000), int(5, 3000)),
  str(16, ''), str(17, ''),
  msg(18, msg(1, msg(1, msg(1, msg(1, str(1, 'kubernetes.io/os'), str(2, 'In'), str(3, 'linux')))))),
  str(19, 'default-scheduler'),
  msg(22, str(1, 'node.kubernetes.io/not-ready'), str(2, 'Exists'), str(3, ''), str(4, 'NoExecute'), int(5, 300)),
  msg(23, str(1, '10.0.0.1'), str(2, 'db.local')),
  str(24, ''), int(25, 0),
  msg(26, str(1, '1.1.1.1'), msg(3, str(1, 'ndots'), str(2, '2'))),
  msg(28, str(1, 'example.com/ready')),
  bool(30, true), str(31, 'PreemptLowerPriority'),
  msg(33, int(1, 1), str(2, 'zone'), str(3, 'DoNotSchedule'), msg(4, entry(1, 'app', str(2, 'web')))),
  msg(38, str(1, 'wait')),
]);
const status = Buffer.concat([str(1, 'Pending'), str(3, ''), str(4, ''), str(11, ''), str(5, ''), str(6, ''), str(9, '')]);
const pod = Buffer.concat([msg(1, meta), msg(2, spec), msg(3, status)]);

const expected = {
  metadata: {
    name: 'myapp-debug', namespace: 'default', creationTimestamp: '2023-11-14T22:13:20Z', annotations: { note: 'kept' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs-1', uid: 'u-1', controller: true }],
  },
  spec: {
    volumes: [
      { name: 'data', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
      { name: 'cfg', configMap: { name: 'app-config', items: [{ key: 'k', path: 'k.txt', mode: 256 }], defaultMode: 420 } },
      {
        name: 'kube-api-access',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
          defaultMode: 420,
        },
      },
      { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'claim', persistentVolumeClaim: { claimName: 'pvc-1' } },
    ],
    containers: [{
      name: 'myapp', image: 'busybox:1.28', args: ['sleep', '1d'],
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'cm', optional: true } }],
      env: [{ name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
      resources: { limits: { cpu: '500m' }, requests: { memory: '64Mi' } },
      volumeMounts: [{ name: 'data', readOnly: true, mountPath: '/data' }],
      livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      readinessProbe: { tcpSocket: { port: 8080 }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      startupProbe: { grpc: { port: 9090, service: 'svc' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } },
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent',
      securityContext: { capabilities: { add: ['SYS_PTRACE'], drop: ['ALL'] }, privileged: false, seccompProfile: { type: 'RuntimeDefault' } },
    }],
    ephemeralContainers: [{ name: 'debugger', image: 'ubuntu', resources: {}, stdin: true, tty: true, targetContainerName: 'myapp' }],
    restartPolicy: 'Never', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', serviceAccountName: 'default', serviceAccount: 'default',
    shareProcessNamespace: true,
    securityContext: { supplementalGroups: [1000, 2000], fsGroup: 3000 },
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } },
    schedulerName: 'default-scheduler',
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    hostAliases: [{ ip: '10.0.0.1', hostnames: ['db.local'] }],
    priority: 0,
    dnsConfig: { nameservers: ['1.1.1.1'], options: [{ name: 'ndots', value: '2' }] },
    readinessGates: [{ conditionType: 'example.com/ready' }],
    enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority',
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
    schedulingGates: [{ name: 'wait' }],
  },
  status: { phase: 'Pending' },
};

describe('protobuf Pod bodies (kubectl debug --copy-to POSTs the copy as application/vnd.kubernetes.protobuf)', () => {
  it('decodes a Pod message into the JSON its Go struct marshals to: inlined embedded structs, quantities, int-or-strings, pointers kept when zero', () => {
    expect(decodeMessage(pod, 'Pod')).toEqual(expected);
  });

  it('decodes the enveloped body on the pods endpoint with kind and apiVersion from runtime.Unknown', () => {
    const gvk = { group: '', version: 'v1', kind: 'Pod' };
    expect(decodeObjectBody(envelope(pod), 'application/vnd.kubernetes.protobuf', gvk, true)).toEqual({
      object: { apiVersion: 'v1', kind: 'Pod', ...expected }, gvk, strictErrors: [],
    });
  });

  it('writes a scalar without omitempty even when zero (ContainerPort.containerPort, Container.name) and a non-pointer struct even when absent', () => {
    expect(decodeMessage(Buffer.concat([str(1, ''), int(2, 0), int(3, 0)]), 'ContainerPort')).toEqual({ containerPort: 0 });
    expect(decodeMessage(Buffer.alloc(0), 'Container')).toEqual({ name: '', resources: {} });
  });

  it('reads packed and unpacked repeated int64 (PodSecurityContext.supplementalGroups) and large varints', () => {
    const packed = msg(4, Buffer.from([...varintBytes(1000n), ...varintBytes(300000n)]));
    expect(decodeMessage(Buffer.concat([packed, int(2, 4294967296n)]), 'PodSecurityContext')).toEqual({ runAsUser: 4294967296, supplementalGroups: [1000, 300000] });
  });
});
