/**
 * `tally export | head -1`: once the reader of standard output has gone, the next write fails
 * with EPIPE, which Node raises as an unhandled 'error' event — a stack trace and exit status 1 for
 * what is the ordinary end of a pipeline. As other Unix tools do (SIGPIPE's default action), the
 * command then ends at once, quietly, with status 0: nobody is left to read what it would print.
 * Store writes are transactions, so ending mid-command loses nothing committed.
 */
const handled = new WeakSet<NodeJS.WriteStream>();

export function endQuietlyOnBrokenPipe(stream: NodeJS.WriteStream, exit: (code: number) => never = process.exit): void {
  if (handled.has(stream)) return;
  handled.add(stream);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') exit(0);
    throw err;
  });
}
