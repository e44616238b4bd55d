/** A worker thread of `clockwork-secrets fix`: runs the tasks it is sent. */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './tasks.js';

parentPort?.on('message', async ({ id, task }: { id: number; task: Task }) => {
  parentPort?.postMessage({ id, result: await runTask(task) });
});
