/** A worker thread of `clockwork-secrets fix`: runs the transform on the files it is sent. */
import { parentPort } from 'node:worker_threads';
import { runTransform, type TransformTask } from './run-transform.js';

parentPort?.on('message', async ({ id, task }: { id: number; task: TransformTask }) => {
  parentPort?.postMessage({ id, result: await runTransform(task) });
});
