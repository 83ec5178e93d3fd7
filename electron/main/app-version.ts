/** Attest's version, injected at build time by esbuild; tests and tsx runs read it from package.json. */
declare const __ATTEST_VERSION__: string | undefined;

export const APP_VERSION: string =
  typeof __ATTEST_VERSION__ === 'string' ? __ATTEST_VERSION__ : (process.env.npm_package_version ?? '0.0.0-dev');
