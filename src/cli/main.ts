import { exitQuietlyOnBrokenPipe } from './output/exitQuietlyOnBrokenPipe';
import { runCli } from './runCli';

exitQuietlyOnBrokenPipe(process.stdout);
// The exit code is set rather than forced so that piped output is flushed before the process ends.
void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
