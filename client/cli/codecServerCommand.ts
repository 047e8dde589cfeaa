// `hooksync codec-server`: serves Temporal's remote codec protocol with the environment's key ring,
// for the Temporal Web UI (--ui-codec-endpoint) and `temporal workflow show --codec-endpoint`.
import { type Command } from 'commander';
import type { CodecServerFlags } from './codecServerAction';
import { codecServerAction } from './commandActions';

const collect = (value: string, previous: string[]) => [...previous, value];

export function addCodecServerCommand(cli: Command): void {
  const defaultUi = process.env.HOOKSYNC_TEMPORAL_UI ?? 'http://127.0.0.1:8233';
  cli.command('codec-server').description('decode and encode payloads for the Temporal UI and CLI (remote codec protocol)')
    .option('--host <ip>', 'address to listen on (loopback unless you put it behind authentication and TLS)', '127.0.0.1')
    .option('--port <port>', 'port to listen on', process.env.HOOKSYNC_CODEC_PORT ?? '8235')
    .option('--ui-origin <origin>', `origin allowed to call from a browser (repeatable; default ${defaultUi})`, collect, [])
    .option('--token-file <file>', 'file holding the bearer token (HOOKSYNC_CODEC_TOKEN_FILE)')
    .action(async (opts: CodecServerFlags) => {
      if (opts.uiOrigin.length === 0) opts.uiOrigin = [defaultUi];
      process.exitCode = await codecServerAction().codecServerCommand(opts);
    });
}
