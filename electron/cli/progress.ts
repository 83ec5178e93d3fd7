import { AttestError } from '../main/core/errors';
import type { JobControl } from '../main/core/jobs';
import type { CommandIo } from './command';

/**
 * A JobControl for work run directly by a CLI command: Ctrl-C cancels (the work rolls back),
 * progress goes to stderr as one rewritten line when stderr is a terminal, and nowhere otherwise.
 */
export function cliJobControl(io: CommandIo, isTerminal = process.stderr.isTTY === true): JobControl {
  const controller = new AbortController();
  void io.interrupted.then(() => controller.abort());
  let last = 0;
  return {
    signal: controller.signal,
    report(phase, done, total, message) {
      if (!isTerminal) return;
      const now = Date.now();
      if (now - last < 200 && (total === null || done < total)) return;
      last = now;
      const share = total ? ` ${Math.floor((100 * done) / Math.max(total, 1))}%` : '';
      io.stderr(`\r\x1b[2K${phase}${share}: ${message}`);
      if (total !== null && done >= total) io.stderr('\n');
    },
    throwIfCancelled() {
      if (controller.signal.aborted) throw new AttestError('cancelled', 'Cancelled (Ctrl-C); nothing was changed.');
    },
  };
}
