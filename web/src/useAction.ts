// Runs a form's action against the API: a busy flag while it runs, and the error message if it fails.
import { useState } from 'react';

export interface ActionOptions {
  initialError?: string;
  describe?(err: unknown): string;
}

const errorMessage = (err: unknown) => (err as Error).message;

export function useAction({ initialError = '', describe = errorMessage }: ActionOptions = {}) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  async function run(work: () => Promise<unknown>): Promise<void> {
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
