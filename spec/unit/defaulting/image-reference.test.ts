import { defaultImagePullPolicy } from '../../../lib/defaulting/container.js';
import { parseImageName } from '../../../lib/defaulting/image-reference.js';

const digest = 'sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';

describe('parseImageName (pkg/util/parsers over distribution/reference)', () => {
  it('normalises official images to docker.io/library and assumes tag latest when neither tag nor digest is given', () => {
    expect(parseImageName('nginx')).toEqual({ repository: 'docker.io/library/nginx', tag: 'latest', digest: '' });
  });

  it('keeps a registry with a port as the domain, not as a tag', () => {
    expect(parseImageName('registry.example.com:5000/team/app')).toEqual({ repository: 'registry.example.com:5000/team/app', tag: 'latest', digest: '' });
  });

  it('gives a digest-only image an empty tag', () => {
    expect(parseImageName(`nginx@${digest}`)).toEqual({ repository: 'docker.io/library/nginx', tag: '', digest });
  });

  it('keeps both the tag and the digest when both are written', () => {
    expect(parseImageName(`nginx:1.27.3@${digest}`)?.tag).toBe('1.27.3');
  });

  it.each([
    ['an empty string', ''],
    ['an upper-case repository', 'Nginx'],
    ['a bare 64-hex identifier', '0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31'],
    ['a digest with upper-case hex', `nginx@${digest.toUpperCase().replace('SHA256', 'sha256')}`],
    ['a digest of the wrong length', 'nginx@sha256:abcd'],
    ['a tag over 128 characters', `nginx:${'a'.repeat(129)}`],
    ['a name over 255 characters', `${'a'.repeat(250)}:1`],
  ])('rejects %s as Go does', (_what, image) => {
    expect(parseImageName(image)).toBeUndefined();
  });
});

describe('imagePullPolicy default (SetDefaults_Container)', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    [`nginx:latest@${digest}`, 'Always'],
    ['registry.example.com:5000/team/app', 'Always'],
    ['localhost/app', 'Always'],
    ['nginx:1.27.3', 'IfNotPresent'],
    [`nginx@${digest}`, 'IfNotPresent'],
    [`nginx:1.27.3@${digest}`, 'IfNotPresent'],
    ['Busybox', 'IfNotPresent'],
    ['', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });
});
