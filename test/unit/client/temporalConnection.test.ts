// Where the CLI and worker connect (client/temporalConnection.ts): the `temporal` CLI's config
// file and environment variables, with flags above them, as @temporalio/envconfig reads them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporalTarget, TemporalConfigError } from '../../../client/temporalConnection';

const saved = { ...process.env };
const dir = mkdtempSync(join(tmpdir(), 'hooksync-envconfig-'));
const configFile = join(dir, 'temporal.toml');
writeFileSync(configFile, `
[profile.default]
address = "default-profile:7233"
namespace = "from-default-profile"

[profile.cloud]
address = "cloud.example:7233"
namespace = "prod"
api_key = "secret-key"
`);

beforeEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('TEMPORAL_')) delete process.env[key];
  // No file at all unless a test names one: the developer's own config must not leak in.
  process.env.TEMPORAL_CONFIG_FILE = join(dir, 'absent.toml');
});
afterAll(() => { process.env = saved; });

test('nothing set: the embedded dev server', () => {
  expect(temporalTarget({})).toEqual({ address: '127.0.0.1:7233', namespace: 'default' });
});

test('TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE, as the temporal CLI reads them', () => {
  process.env.TEMPORAL_ADDRESS = 'temporal.internal:7233';
  process.env.TEMPORAL_NAMESPACE = 'syncs';
  expect(temporalTarget({})).toMatchObject({ address: 'temporal.internal:7233', namespace: 'syncs' });
});

test('flags win over the environment', () => {
  process.env.TEMPORAL_ADDRESS = 'temporal.internal:7233';
  expect(temporalTarget({ address: '10.0.0.1:7233', namespace: 'flagged' })).toMatchObject({ address: '10.0.0.1:7233', namespace: 'flagged' });
});

test('the default profile of the config file', () => {
  process.env.TEMPORAL_CONFIG_FILE = configFile;
  expect(temporalTarget({})).toEqual({ address: 'default-profile:7233', namespace: 'from-default-profile' });
});

test('a named profile with an API key turns TLS on', () => {
  process.env.TEMPORAL_CONFIG_FILE = configFile;
  expect(temporalTarget({ profile: 'cloud' })).toEqual({ address: 'cloud.example:7233', namespace: 'prod', apiKey: 'secret-key', tls: true });
});

test('TEMPORAL_PROFILE chooses the profile; the environment still wins over it', () => {
  process.env.TEMPORAL_CONFIG_FILE = configFile;
  process.env.TEMPORAL_PROFILE = 'cloud';
  process.env.TEMPORAL_NAMESPACE = 'staging';
  expect(temporalTarget({})).toMatchObject({ address: 'cloud.example:7233', namespace: 'staging' });
});

test('an unreadable config file is a configuration error naming the profile', () => {
  const broken = join(dir, 'broken.toml');
  writeFileSync(broken, '[profile.cloud\naddress = ');
  process.env.TEMPORAL_CONFIG_FILE = broken;
  expect(() => temporalTarget({ profile: 'cloud' })).toThrow(TemporalConfigError);
  expect(() => temporalTarget({ profile: 'cloud' })).toThrow(/profile cloud/);
});
