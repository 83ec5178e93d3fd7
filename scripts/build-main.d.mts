export declare function buildMain(options?: { nodeOnly?: boolean }): Promise<void>;
