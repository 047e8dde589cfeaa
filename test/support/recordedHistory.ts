// A finished sync's history as tests read it and as test/histories keeps it: payloads decoded (as
// the worker sees them), the activities it scheduled with their inputs, and, with
// HOOKSYNC_RECORD_HISTORIES=1, the history written to test/histories for the replay tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { decodeHistoryPayloads } from './historyCodec';
import { repoRoot } from './paths';

export type HistoryJson = Record<string, unknown>;

export interface ScheduledActivity {
  activityType: { name: string };
  input?: { payloads?: Array<{ data?: string }> };
}

/** The run's history with its payloads decoded by the client's codecs. */
export async function decodedHistory(client: Client, workflowId: string, runId: string): Promise<HistoryJson> {
  const handle = client.workflow.getHandle(workflowId, runId);
  const codecs = client.options.loadedDataConverter.payloadCodecs;
  // Codecs encode in order, so they decode in reverse.
  const all: PayloadCodec = {
    encode: async (p) => p,
    decode: async (p) => { let out = p; for (const c of [...codecs].reverse()) out = await c.decode(out); return out; },
  };
  return decodeHistoryPayloads(JSON.parse(historyToJSON(await handle.fetchHistory())) as HistoryJson, all);
}

function events(history: HistoryJson): Array<Record<string, unknown>> {
  return history.events as Array<Record<string, unknown>>;
}

export function scheduledActivities(history: HistoryJson): ScheduledActivity[] {
  return events(history).flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes as ScheduledActivity] : []));
}

/** The ids of the patches the run recorded, in order. */
export function patchMarkers(history: HistoryJson): string[] {
  return events(history).flatMap((e) => {
    const marker = e.markerRecordedEventAttributes as { markerName?: string; details?: { 'patch-data'?: { payloads?: Array<{ data?: string }> } } } | undefined;
    const data = marker?.details?.['patch-data']?.payloads?.[0]?.data;
    if (!data) return [];
    return [(JSON.parse(Buffer.from(data, 'base64').toString()) as { id: string }).id];
  });
}

/** The first argument the activity was scheduled with. */
export function inputOf(s: ScheduledActivity): unknown {
  return JSON.parse(Buffer.from(s.input?.payloads?.[0]?.data ?? '', 'base64').toString());
}

/** Writes the history to test/histories/`file` when HOOKSYNC_RECORD_HISTORIES=1. */
export function recordHistory(file: string, history: HistoryJson): void {
  if (process.env.HOOKSYNC_RECORD_HISTORIES === '1') writeFileSync(join(repoRoot, 'test', 'histories', file), `${JSON.stringify(history, null, 2)}\n`);
}
