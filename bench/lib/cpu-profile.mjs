// Preloaded into the Dockside server by `npm run bench -- --profile` (NODE_OPTIONS=--import, since
// --cpu-prof itself is not allowed there): profiles the whole process and writes a .cpuprofile
// (open in Chrome DevTools) to DOCKSIDE_CPU_PROFILE_DIR when it exits.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.DOCKSIDE_CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // The in-process session answers synchronously, so this completes inside the exit handler.
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
