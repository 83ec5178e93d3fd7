import { join } from 'node:path';
import { AttestError } from '../../main/core/errors';
import { recordWorkspaceOpened } from '../../main/governance/audit-events';
import { findConsoleDir } from '../../main/transport/console-dir';
import { consoleDispatch } from '../../main/transport/console-policy';
import { startLoopbackServer } from '../../main/transport/loopback-server';
import { type Command, stringFlag, workspaceOption } from '../command';
import { withMain } from '../with-main';

/** `attest serve`: the console in a browser, over the loopback transport, until Ctrl-C. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the console on 127.0.0.1 for a browser; prints the URL (with its one-time token). Ctrl-C stops.',
  usage: 'attest serve [--workspace DIR] [--port N]',
  options: { ...workspaceOption, port: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run: (args, io) =>
    withMain(args, io, async (main) => {
      const port = parsePort(stringFlag(args, 'port'));
      const server = await startLoopbackServer({
        dispatch: consoleDispatch(main.dispatch),
        bus: main.ctx.bus,
        staticDir: findConsoleDir(io.env),
        uploadDir: join(main.ctx.workspace.paths.tmp, 'uploads'),
        port,
        onPrerenderFailure: (error) =>
          io.stderr(`attest serve: the console's first page is served without its rows pre-rendered (${error.message}); it loads them itself.\n`),
      });
      recordWorkspaceOpened(main.ctx, { via: 'attest serve', url: server.url });
      io.stdout(`Attest console for workspace ${main.ctx.workspace.paths.root}\n`);
      io.stdout(`Open: ${server.consoleUrl}\n`);
      io.stdout('Listening on 127.0.0.1 only. Press Ctrl-C to stop.\n');
      // Read the Inventory's rows in force now (0.3-0.9 s at 20,000 versions), while the person opens the URL,
      // rather than on the console's first request. Same dispatcher path; an error here will show there too.
      setImmediate(() => void main.dispatch('models:page', { limit: 1 }));
      await io.interrupted;
      await server.close();
      io.stdout('Stopped.\n');
      return 0;
    }, { lockFor: 'attest serve' }),
};

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AttestError(
      'bad-request',
      `--port must be a whole number from 1 to 65535, got "${value}".`,
      'Omit --port to pick a free port.',
    );
  }
  return port;
}
