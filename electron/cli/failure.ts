// A failure the CLI reports as one line on stderr, exiting 1 (see the usage for the exit codes).
export class CliFailure extends Error {}
