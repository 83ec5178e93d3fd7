import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BadInputCase } from './catalogue-case';

/** A valid OpenLineage run event; cases spoil one field at a time. */
function lineageEvent(): Record<string, unknown> {
  return {
    eventType: 'COMPLETE',
    eventTime: '2026-01-05T10:00:00.000Z',
    producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.0.0/integration/spark',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '0190a4d2-7b1e-7c3a-9d55-0123456789ab' },
    job: { namespace: 'spark', name: 'build_features' },
    inputs: [{ namespace: 's3://raw', name: 'loans' }],
    outputs: [{ namespace: 's3://features', name: 'loans-2024' }],
  };
}

/** A minimal mlflow-export-import model.json (export_model.py's shape); cases spoil one field at a time. */
function mlflowModel(): { system: Record<string, unknown>; mlflow: { registered_model: Record<string, unknown> } } {
  return {
    system: { package_version: '1.2.0', script: 'export_model.py', export_time: 1684716641, mlflow_version: '2.3.2' },
    mlflow: {
      registered_model: {
        name: 'credit-pd',
        creation_timestamp: 1684716075258,
        last_updated_timestamp: 1684716088532,
        aliases: [],
        tags: [],
        versions: [{ version: '1', creation_timestamp: 1684716075276, current_stage: 'Production', run_id: 'r1', status: 'READY' }],
      },
    },
  };
}

function write(root: string, name: string, text: string | Buffer): Promise<string[]> {
  writeFileSync(join(root, name), text);
  return Promise.resolve(['import', join(root, name)]);
}

const spoiltEvent = (spoil: (e: Record<string, unknown>) => void) => {
  const event = lineageEvent();
  spoil(event);
  return `${JSON.stringify(lineageEvent())}\n${JSON.stringify(event)}\n`;
};

const spoiltModel = (spoil: (m: ReturnType<typeof mlflowModel>) => void) => {
  const model = mlflowModel();
  spoil(model);
  return JSON.stringify(model);
};

/** Cases about unsigned sources: OpenLineage event files and mlflow-export-import JSON. */
export const sourceCases: BadInputCase[] = [
  {
    name: 'OpenLineage event whose eventTime is a number',
    make: (root) => write(root, 'time-number.jsonl', spoiltEvent((e) => (e.eventTime = 1767607200))),
    exit: 2,
    error: /time-number\.jsonl, line 2: the event .*eventTime/,
  },
  {
    name: 'OpenLineage event whose run is a string',
    make: (root) => write(root, 'run-string.jsonl', spoiltEvent((e) => (e.run = 'run-1'))),
    exit: 2,
    error: /run-string\.jsonl, line 2: the event .*run/,
  },
  {
    name: 'OpenLineage event whose inputs is an object, not a list',
    make: (root) => write(root, 'inputs-object.jsonl', spoiltEvent((e) => (e.inputs = { namespace: 's3://raw', name: 'loans' }))),
    exit: 2,
    error: /inputs-object\.jsonl, line 2: the event .*inputs/,
  },
  {
    name: 'OpenLineage event with an unknown eventType',
    make: (root) => write(root, 'type-unknown.jsonl', spoiltEvent((e) => (e.eventType = 'EXPLODE'))),
    exit: 2,
    error: /type-unknown\.jsonl, line 2: the event .*eventType/,
  },
  {
    name: 'OpenLineage .json file that is not JSON',
    make: (root) => write(root, 'broken.json', '{"eventType": "COMPLETE", '),
    exit: 2,
    error: /broken\.json is not valid JSON/,
  },
  {
    name: 'OpenLineage .jsonl file with invalid UTF-8',
    make: (root) => write(root, 'latin1.jsonl', Buffer.from(`${JSON.stringify({ ...lineageEvent(), job: { namespace: 'spark', name: 'caf\u00e9' } })}\n`, 'latin1')),
    exit: 2,
    error: /latin1\.jsonl, line 1: .*UTF-8/,
  },
  {
    name: 'MLflow export whose model has no name',
    make: (root) => write(root, 'no-name.json', spoiltModel((m) => delete m.mlflow.registered_model.name)),
    exit: 2,
    error: /no-name\.json.*name/,
  },
  {
    name: 'MLflow export whose export_time is a word',
    make: (root) => write(root, 'time-word.json', spoiltModel((m) => (m.system.export_time = 'yesterday'))),
    exit: 2,
    error: /time-word\.json.*export_time/,
  },
  {
    name: 'MLflow export whose version creation_timestamp is a word',
    make: (root) =>
      write(root, 'version-time.json', spoiltModel((m) => ((m.mlflow.registered_model.versions as Record<string, unknown>[])[0]!.creation_timestamp = 'soon'))),
    exit: 2,
    error: /version-time\.json.*creation_timestamp/,
  },
  {
    name: 'MLflow export whose versions is a string',
    make: (root) => write(root, 'versions-string.json', spoiltModel((m) => (m.mlflow.registered_model.versions = '1,2,3'))),
    exit: 2,
    error: /versions-string\.json.*versions/,
  },
];
