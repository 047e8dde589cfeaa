// The production flags of `hooksync worker`: flags over their variables, defaults, and usage
// errors that name the flag or variable and the value.
import { CliError } from '../../../client/cli/cliCommon';
import { productionOptions } from '../../../client/cli/productionFlags';

const none = {};

test('without flags or variables: no endpoints, text logs, a 30 s grace', () => {
  expect(productionOptions({}, none)).toEqual({ shutdownGraceMs: 30_000, logFormat: 'text' });
});

test('ports bind to the loopback address unless a host is given', () => {
  const options = productionOptions({ healthPort: '8080', metricsPort: '9464', metricsHost: '0.0.0.0', shutdownGrace: '1m30s', logFormat: 'JSON' }, none);
  expect(options).toEqual({
    health: { host: '127.0.0.1', port: 8080 },
    metrics: { host: '0.0.0.0', port: 9464 },
    shutdownGraceMs: 90_000,
    logFormat: 'json',
  });
});

test('variables fill in what the flags leave out; a flag wins over its variable', () => {
  const env = { HOOKSYNC_HEALTH_PORT: '8080', HOOKSYNC_HEALTH_HOST: '0.0.0.0', HOOKSYNC_SHUTDOWN_GRACE: '10s', HOOKSYNC_LOG_FORMAT: 'json' };
  expect(productionOptions({ healthPort: '8081' }, env)).toEqual({ health: { host: '0.0.0.0', port: 8081 }, shutdownGraceMs: 10_000, logFormat: 'json' });
});

test('the health port may be 0 (any free port), the metrics port may not; a grace of 0 cancels at once', () => {
  expect(productionOptions({ healthPort: '0', shutdownGrace: '0' }, none)).toMatchObject({ health: { port: 0 }, shutdownGraceMs: 0 });
  expect(() => productionOptions({ metricsPort: '0' }, none)).toThrow('--metrics-port "0" is not a port number (1-65535)');
});

test.each([
  [{ healthPort: 'http' }, {}, '--health-port "http" is not a port number (0-65535)'],
  [{}, { HOOKSYNC_METRICS_PORT: '70000' }, 'HOOKSYNC_METRICS_PORT "70000" is not a port number (1-65535)'],
  [{ healthHost: '0.0.0.0' }, {}, '--health-host 0.0.0.0 needs a port too (--health-port or HOOKSYNC_HEALTH_PORT)'],
  [{ shutdownGrace: 'soon' }, {}, '--shutdown-grace "soon" is not a duration such as 30s, 2m or 0'],
  [{}, { HOOKSYNC_LOG_FORMAT: 'xml' }, 'HOOKSYNC_LOG_FORMAT "xml" is not one of text, json'],
])('%j %j is a usage error: %s', (flags, env, message) => {
  let thrown: unknown;
  try {
    productionOptions(flags, env);
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(CliError);
  expect((thrown as CliError).message).toBe(message);
  expect((thrown as CliError).exitCode).toBe(2);
});
