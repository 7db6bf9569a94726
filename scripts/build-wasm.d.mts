/** see build-wasm.mjs */
export declare function assembleSpecialBytes(): Promise<Buffer>;
export declare function generatedSource(bytes: Buffer): string;
