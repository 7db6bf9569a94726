/** see node-flags.mjs */
export declare const CORE_PROCESS_FLAGS: readonly string[];
