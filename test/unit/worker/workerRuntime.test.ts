// The runtime options a worker's flags choose: the exporter's address and conventions, JSON logs
// with the core's lines forwarded, and nothing extra without flags.
import { runtimeOptions } from '../../../worker/workerRuntime';

test('metrics: the SDK Prometheus exporter at host:port, with _total counters and seconds', () => {
  const options = runtimeOptions({ logFormat: 'text', metrics: { host: '127.0.0.1', port: 9464 } }, {});
  expect(options.telemetryOptions?.metrics).toEqual({ prometheus: { bindAddress: '127.0.0.1:9464', countersTotalSuffix: true, useSecondsForDurations: true } });
  expect(options.telemetryOptions?.logging).toBeUndefined();
  expect(runtimeOptions({ logFormat: 'text', metrics: { host: '::', port: 1 } }, {}).telemetryOptions?.metrics).toMatchObject({ prometheus: { bindAddress: '[::]:1' } });
});

test('json: the core\'s lines are forwarded to the logger, at the worker\'s level', () => {
  const options = runtimeOptions({ logFormat: 'json' }, { HOOKSYNC_WORKER_LOG_LEVEL: 'info' });
  expect(options.telemetryOptions?.logging).toMatchObject({ forward: {} });
  expect(String((options.telemetryOptions?.logging as { filter: string }).filter)).toContain('temporalio_sdk_core=INFO');
  expect(options.telemetryOptions?.metrics).toBeUndefined();
});
