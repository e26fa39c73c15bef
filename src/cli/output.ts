/** Where a command writes, and the exit codes it returns. */

export const EXIT_OK = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_USAGE = 2;
/** Done, but some rows of a scenario store could not be read (each reported on stderr). */
export const EXIT_UNREAD_ROWS = 3;

/** Where the command writes; process.stdout and process.stderr unless a caller passes its own. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}
