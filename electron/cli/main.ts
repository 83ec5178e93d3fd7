import { runCli } from './run-cli';

/** Process entry of the `attest` binary. */
function main(): void {
  let interrupt: () => void = () => {};
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  process.once('SIGINT', () => interrupt());
  process.once('SIGTERM', () => interrupt());
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    interrupted,
  }).then(
    (code) => {
      process.exitCode = code;
      // A finished command must not linger on open handles (servers, timers).
      setImmediate(() => process.exit(code));
    },
    (error: unknown) => {
      process.stderr.write(`attest: unexpected failure: ${String(error)}\n`);
      process.exit(1);
    },
  );
}

main();
