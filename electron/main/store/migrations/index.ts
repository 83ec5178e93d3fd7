import type { Migration } from '../migration';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-trust-and-sync';
import { migration0003 } from './0003-replay-policy';
import { migration0004 } from './0004-monitoring';
import { migration0005 } from './0005-pack-narratives';
import { migration0006 } from './0006-replay-entries';
import { migration0007 } from './0007-mlflow-model-facts';
import { migration0008 } from './0008-mlflow-logged-models';

/** Every shipped migration, in version order. Append only. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008];
