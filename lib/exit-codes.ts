/**
 * Every exit code of the `gameday` command. CI gates on these: change one only on purpose, and
 * keep the table in scenarios/commands/README.md (the commands' folder) (a test holds the two together) and docs/cli.md.
 */
export const EXIT = {
  /** Every SLO, budget and integrity check held (or the command did what it was asked). */
  PASS: 0,
  /** The game day ran and an SLO, a budget or an integrity check failed. */
  FAILED: 1,
  /**
   * The run could not be done, or not to its end: bad arguments, an unknown scenario or
   * safeguard, a component that would not start, a fault that could not be applied — or it was
   * interrupted (Ctrl-C, SIGTERM, its caller gone, its output closed), when a partial report is
   * still written, marked interrupted.
   */
  NOT_RUN: 2,
  /** A second Ctrl-C while the first was still cleaning up: quit at once (128 + SIGINT, the shell's convention). */
  QUIT_NOW: 130,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]
