// Key text: what is accepted, and that every rejection names the source but never the key.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyRingFromEnv, KeyRingError, parseKeyRing } from '../../../codec/keyRing';

const key = () => randomBytes(32).toString('base64');

describe('parseKeyRing', () => {
  test('the last entry is the current key; comments and blank lines are skipped', () => {
    const ring = parseKeyRing(`# dev keys\nold:${key()}\n\nnew:${key()}\n`, 'f');
    expect(ring.currentId).toBe('new');
    expect([...ring.keys.keys()]).toEqual(['old', 'new']);
  });

  test('commas separate entries too (for an environment variable)', () => {
    expect(parseKeyRing(`a:${key()},b:${key()}`, 'env').currentId).toBe('b');
  });

  const short = randomBytes(16).toString('base64');
  test.each([
    ['no key at all', '# nothing\n', /no key/],
    ['a line without an id', `:${key()}`, /expected id:base64key/],
    ['an id with a space', `my key:${key()}`, /expected id:base64key/],
    ['a 16-byte key', `k:${short}`, /must be 32 bytes/],
    ['not base64', 'k:not-base64-at-all!!', /must be 32 bytes/],
    ['a repeated id', `k:${key()}\nk:${key()}`, /appears twice/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseKeyRing(text, 'keyfile')).toThrow(KeyRingError);
    expect(() => parseKeyRing(text, 'keyfile')).toThrow(message);
  });

  test('an error never quotes the key', () => {
    const bad = randomBytes(31).toString('base64');
    expect(() => parseKeyRing(`k:${bad}`, 'keyfile')).toThrow(expect.objectContaining({ message: expect.not.stringContaining(bad) }));
  });
});

describe('keyRingFromEnv', () => {
  test('nothing configured: no codec', () => {
    expect(keyRingFromEnv({})).toBeUndefined();
  });

  test('HOOKSYNC_CODEC_KEYS wins over the key file', () => {
    expect(keyRingFromEnv({ HOOKSYNC_CODEC_KEYS: `inline:${key()}`, HOOKSYNC_CODEC_KEY_FILE: '/nonexistent' })?.currentId).toBe('inline');
  });

  test('HOOKSYNC_CODEC_KEY_FILE is read', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hooksync-keys-')), 'keys');
    writeFileSync(file, `file-key:${key()}\n`, { mode: 0o600 });
    expect(keyRingFromEnv({ HOOKSYNC_CODEC_KEY_FILE: file })?.currentId).toBe('file-key');
  });

  test('a missing key file is an error naming the file', () => {
    expect(() => keyRingFromEnv({ HOOKSYNC_CODEC_KEY_FILE: '/nonexistent/keys' })).toThrow(/cannot read the codec key file \/nonexistent\/keys .*ENOENT/);
  });
});
