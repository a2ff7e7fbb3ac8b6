/** V8 flags a command runs with (bin/node-flags.js). */
export declare const COMMAND_NODE_FLAGS: Readonly<Record<string, readonly string[]>>;
