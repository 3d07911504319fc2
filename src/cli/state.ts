/** What a command leaves for main(): the exit code (0 done, 1 findings at or above --fail-on, 2 errors). */
export interface CliState {
  exitCode: number;
}
