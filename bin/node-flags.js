// V8 flags a command runs with (bin/seconded.js starts the command's process again with them).
// Flags for the heap can only be given when a process starts: V8 sizes its generations then.
//
// `import-members`: semi-spaces of 4 MB instead of V8's default (its young generation grew to
// about 100 MB on a million-row import, kept by the process to the end). Measured on 300,000
// rows (README: Importing a register): peak resident memory 343 MB by default, 260 MB with
// this, for 3% more CPU. And the old generation collected when it has grown by half since the
// last full collection (`--heap-growing-percent=50`) instead of letting it reach about four
// times what was alive (26 MB alive, collected at 100 MB): the rows of each batch outlive two
// minor collections and are promoted, so the old generation fills with dead rows. At 300,000
// rows the peak fell from 270 MB to 190 MB, with no more CPU. The web server keeps V8's defaults.
export const COMMAND_NODE_FLAGS = {
  'import-members': ['--max-semi-space-size=4', '--heap-growing-percent=50'],
};
