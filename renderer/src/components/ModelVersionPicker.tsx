import { invoke } from '../lib/ipc';
import { useQuery } from '../lib/useQuery';

export interface ModelVersion {
  model: string;
  version: string;
}

/** Two selects: a registered model, then one of its versions (champion first when it has one). */
export function ModelVersionPicker({ value, onChange }: { value: ModelVersion | null; onChange: (v: ModelVersion | null) => void }) {
  const [state] = useQuery(() => invoke('models:list', {}), 'models');
  const models = state.status === 'ready' ? state.data.models : [];
  const versions = models.find((m) => m.name === value?.model)?.versions ?? [];
  const pickModel = (name: string) => {
    const model = models.find((m) => m.name === name);
    const preferred = model?.versions.find((v) => v.aliases.includes('champion')) ?? model?.versions[0];
    onChange(model && preferred ? { model: model.name, version: preferred.version } : null);
  };
  return (
    <>
      <label>
        Model
        <select aria-label="Model" value={value?.model ?? ''} onChange={(e) => pickModel(e.target.value)}>
          <option value="">Choose a model…</option>
          {models.map((m) => (
            <option key={m.name}>{m.name}</option>
          ))}
        </select>
      </label>
      <label>
        Version
        <select aria-label="Version" value={value?.version ?? ''} onChange={(e) => value && onChange({ ...value, version: e.target.value })} disabled={!value}>
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version}
              {v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
