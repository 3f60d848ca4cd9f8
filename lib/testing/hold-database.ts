// Test helper process: opens the embedded database in the folder given as argv[2], prints "ready",
// and holds it until killed. Used to prove a second opener is turned away.
import { openDatabase } from '@/db/client';

const handle = await openDatabase({ databaseUrl: '', dataDir: process.argv[2], migrate: false });
process.stdout.write('ready\n');
const stop = async () => {
  await handle.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => undefined, 60_000);
