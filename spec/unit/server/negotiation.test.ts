import { StatusError } from '../../../lib/errors/status-error.js';
import {
  defaultEndpointRestrictions,
  discoveryEndpointRestrictions,
  isPrettyPrint,
  negotiateInputMediaType,
  negotiateOutputMediaType,
  negotiatePatchType,
  negotiateWatchMediaType,
  parseAccept,
  parseMediaType,
  resourceEndpointRestrictions,
  tableOptionsFromQuery,
} from '../../../lib/server/negotiation.js';

const kubectlGetAccept =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const req = (accept?: string, extra: Record<string, string> = {}, url = '/api/v1/pods') => ({
  headers: { ...(accept === undefined ? {} : { accept }), ...extra },
  url,
});
const thrown = (fn: () => unknown): StatusError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('parseAccept (goautoneg.ParseAccept)', () => {
  it('keeps parameters, takes q out, and sorts by q then concrete before wildcard, stably', () => {
    const clauses = parseAccept('*/*;q=0.8, application/yaml;q=0.9, application/json;as=Table;g=meta.k8s.io;v=v1, text/plain');
    expect(clauses.map((c) => `${c.type}/${c.subType}`)).toEqual(['application/json', 'text/plain', 'application/yaml', '*/*']);
    expect(clauses[0]!.params).toEqual({ as: 'Table', g: 'meta.k8s.io', v: 'v1' });
    expect(clauses[3]!.q).toBeCloseTo(0.8);
  });

  it('reads a bare * as */* and drops clauses without a subtype', () => {
    expect(parseAccept('*, application').map((c) => `${c.type}/${c.subType}`)).toEqual(['*/*']);
  });
});

describe('negotiateOutputMediaType (NegotiateOutputMediaType)', () => {
  it('answers JSON when there is no Accept', () => {
    expect(negotiateOutputMediaType(req())).toEqual({ mediaType: 'application/json', pretty: false });
  });

  it('gives kubectl get its v1 Table at a resource endpoint with a table printer', () => {
    const o = negotiateOutputMediaType(req(kubectlGetAccept), resourceEndpointRestrictions(true));
    expect(o.convert).toEqual({ group: 'meta.k8s.io', version: 'v1', kind: 'Table' });
    expect(o.mediaType).toBe('application/json');
  });

  it('falls through the Table clauses to plain JSON where Tables are not served', () => {
    expect(negotiateOutputMediaType(req(kubectlGetAccept), resourceEndpointRestrictions(false)).convert).toBeUndefined();
    expect(negotiateOutputMediaType(req(kubectlGetAccept), defaultEndpointRestrictions).convert).toBeUndefined();
  });

  it('refuses a Table of an unknown version and a Table in protobuf', () => {
    const r = resourceEndpointRestrictions(true);
    expect(negotiateOutputMediaType(req('application/json;as=Table;g=meta.k8s.io;v=v2,application/json'), r).convert).toBeUndefined();
    expect(() => negotiateOutputMediaType(req('application/vnd.kubernetes.protobuf;as=Table;g=meta.k8s.io;v=v1'), r)).toThrow(StatusError);
  });

  it('allows PartialObjectMetadataList at resource endpoints (the metadata client)', () => {
    const o = negotiateOutputMediaType(
      req('application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json'),
      resourceEndpointRestrictions(true),
    );
    expect(o.convert).toEqual({ group: 'meta.k8s.io', version: 'v1', kind: 'PartialObjectMetadataList' });
  });

  it('answers JSON to the protobuf-first Accept of typed clients', () => {
    expect(negotiateOutputMediaType(req('application/vnd.kubernetes.protobuf,application/json')).mediaType).toBe('application/json');
  });

  it('serves YAML when asked, and */* as JSON', () => {
    expect(negotiateOutputMediaType(req('application/yaml')).mediaType).toBe('application/yaml');
    expect(negotiateOutputMediaType(req('application/json, */*')).mediaType).toBe('application/json');
    expect(negotiateOutputMediaType(req('*/*')).mediaType).toBe('application/json');
    expect(negotiateOutputMediaType(req('application/*')).mediaType).toBe('application/json');
  });

  it('answers 406 NotAcceptable listing the served types when nothing matches', () => {
    const e = thrown(() => negotiateOutputMediaType(req('text/html')));
    expect(e.code).toBe(406);
    expect(e.status.reason).toBe('NotAcceptable');
    expect(e.status.message).toBe('only the following media types are accepted: application/json, application/yaml');
  });

  it('pretty-prints for pretty=1 in Accept, ?pretty=true, and curl user agents', () => {
    expect(negotiateOutputMediaType(req('application/json;pretty=1')).pretty).toBe(true);
    expect(negotiateOutputMediaType(req('application/json', {}, '/api/v1/pods?pretty=true')).pretty).toBe(true);
    expect(negotiateOutputMediaType(req('application/json', { 'user-agent': 'curl/8.5.0' })).pretty).toBe(true);
    expect(negotiateOutputMediaType(req('application/json', { 'user-agent': 'curl/8.5.0' }, '/x?pretty=false')).pretty).toBe(false);
    expect(isPrettyPrint(req(undefined, { 'user-agent': 'kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07' }))).toBe(false);
  });

  it('recognises the aggregated discovery Accept of kubectl 1.32 only at discovery endpoints', () => {
    const accept =
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    expect(negotiateOutputMediaType(req(accept), discoveryEndpointRestrictions).convert?.version).toBe('v2');
    expect(negotiateOutputMediaType(req(accept), defaultEndpointRestrictions).convert).toBeUndefined();
  });
});

describe('negotiateWatchMediaType (NegotiateOutputMediaTypeStream)', () => {
  it('streams JSON and keeps the Table conversion of kubectl get -w', () => {
    expect(negotiateWatchMediaType(req(kubectlGetAccept), resourceEndpointRestrictions(true)).convert?.kind).toBe('Table');
    expect(negotiateWatchMediaType(req('application/json;stream=watch'), resourceEndpointRestrictions(true)).stream).toBe('watch');
  });

  it('answers 406 with the stream types when YAML is preferred, as YAML has no stream serializer', () => {
    const e = thrown(() => negotiateWatchMediaType(req('application/yaml,application/json'), resourceEndpointRestrictions(true)));
    expect(e.code).toBe(406);
    expect(e.status.message).toBe('only the following media types are accepted: application/json;stream=watch');
  });

  it('skips a YAML clause asking for stream=watch', () => {
    expect(negotiateWatchMediaType(req('application/yaml;stream=watch,application/json'), resourceEndpointRestrictions(true)).mediaType).toBe('application/json');
  });
});

describe('negotiateInputMediaType (NegotiateInputSerializerForMediaType)', () => {
  it('takes JSON without a Content-Type and ignores parameters and case', () => {
    expect(negotiateInputMediaType(undefined)).toBe('application/json');
    expect(negotiateInputMediaType('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(negotiateInputMediaType('application/vnd.kubernetes.protobuf')).toBe('application/vnd.kubernetes.protobuf');
  });

  it('answers 415 UnsupportedMediaType listing the accepted types', () => {
    const e = thrown(() => negotiateInputMediaType('text/plain', ['application/json', 'application/yaml']));
    expect(e.code).toBe(415);
    expect(e.status).toMatchObject({
      reason: 'UnsupportedMediaType',
      message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
    });
  });

  it('refuses a malformed media type', () => {
    expect(() => negotiateInputMediaType('application/json;charset')).toThrow(StatusError);
    expect(parseMediaType('application/json;')).toBe('application/json');
  });
});

describe('negotiatePatchType (handlers/patch.go)', () => {
  it.each([
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json',
    'application/apply-patch+yaml',
  ])('accepts %s, with or without parameters', (ct) => {
    expect(negotiatePatchType(ct)).toBe(ct);
    expect(negotiatePatchType(`${ct}; charset=utf-8`)).toBe(ct);
  });

  it('answers 415 listing the four patch types for anything else', () => {
    const e = thrown(() => negotiatePatchType('application/json'));
    expect(e.code).toBe(415);
    expect(e.status.message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    );
  });
});

describe('tableOptionsFromQuery (ValidateTableOptions)', () => {
  it('defaults includeObject to Metadata and accepts Object and None', () => {
    expect(tableOptionsFromQuery(new URLSearchParams(''))).toEqual({ includeObject: 'Metadata' });
    expect(tableOptionsFromQuery(new URLSearchParams('includeObject=Object'))).toEqual({ includeObject: 'Object' });
    expect(tableOptionsFromQuery(new URLSearchParams('includeObject=None'))).toEqual({ includeObject: 'None' });
  });

  it('answers 400 for any other value', () => {
    const e = thrown(() => tableOptionsFromQuery(new URLSearchParams('includeObject=x')));
    expect(e.code).toBe(400);
    expect(e.status.message).toBe(
      `Unable to convert to Table as requested: includeObject: Invalid value: "x": must be 'Metadata', 'Object', 'None', or empty`,
    );
  });
});
