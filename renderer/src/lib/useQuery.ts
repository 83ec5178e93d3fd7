import { useEffect, useEffectEvent, useState } from 'react';
import { IpcError } from './ipc';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; hint: string | undefined }
  | { status: 'ready'; data: T };

/**
 * Run an async load whenever `key` changes (or on reload); loading, error and data states.
 * State is tagged with the key it answers, so a slow old answer never shows for a newer question.
 */
export function useQuery<T>(load: () => Promise<T>, key: string): [QueryState<T>, () => void] {
  const [generation, setGeneration] = useState(0);
  const [answer, setAnswer] = useState<{ key: string; state: QueryState<T> } | null>(null);
  const fullKey = `${key}#${generation}`;
  const runLoad = useEffectEvent(load);
  useEffect(() => {
    let isCurrent = true;
    runLoad().then(
      (data) => {
        if (isCurrent) setAnswer({ key: fullKey, state: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (!isCurrent) return;
        const hint = error instanceof IpcError ? error.hint : undefined;
        const message = error instanceof Error ? error.message : String(error);
        setAnswer({ key: fullKey, state: { status: 'error', message, hint } });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [fullKey]);
  const state: QueryState<T> = answer?.key === fullKey ? answer.state : { status: 'loading' };
  return [state, () => setGeneration((g) => g + 1)];
}
