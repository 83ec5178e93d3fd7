// The part of js-yaml 4 that Attest uses (the package ships no types and @types/js-yaml is not installed).
declare module 'js-yaml' {
  /** A set of tag resolvers; CORE_SCHEMA reads plain YAML 1.2 scalars only (no dates, no custom tags). */
  export interface Schema {
    readonly __schema: unique symbol;
  }
  export const CORE_SCHEMA: Schema;
  export interface LoadOptions {
    filename?: string;
    schema?: Schema;
    /** false (the default) makes duplicate mapping keys an error. */
    json?: boolean;
  }
  /** Parse one YAML document. */
  export function load(text: string, options?: LoadOptions): unknown;
  export class YAMLException extends Error {
    reason: string;
    mark?: { line: number; column: number };
  }
}
