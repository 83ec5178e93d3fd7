import type { Migration } from '../migration';

/**
 * What a model version's MLmodel file says (docs/bundle-format.md, "MLmodel"): the file's hash in the artifact
 * store and a parsed summary (flavours, MLflow version, model uuid, run id, input example). Like the ONNX hash,
 * they are facts of the version, recorded once. (0006 belongs to replay.)
 */
export const migration0007: Migration = {
  version: 7,
  name: 'mlflow-model-facts',
  up(db) {
    db.exec(`
      ALTER TABLE model_version ADD COLUMN mlmodel_sha256 TEXT;
      ALTER TABLE model_version ADD COLUMN mlmodel_json TEXT;
    `);
  },
};
