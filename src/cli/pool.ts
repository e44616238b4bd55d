/**
 * Runs transform tasks on worker threads, or in this thread when there are too few to pay for a
 * worker's start-up (each loads ESLint and the parsers).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runTransform, type TransformResult, type TransformTask } from './run-transform.js';

const TASKS_PER_WORKER = 8;

export async function runAll(
  tasks: readonly TransformTask[],
  maxWorkers: number,
  onDone: (done: number) => void,
): Promise<TransformResult[]> {
  const workerCount = Math.min(maxWorkers, availableParallelism(), Math.floor(tasks.length / TASKS_PER_WORKER));
  const results: TransformResult[] = new Array(tasks.length);
  let done = 0;
  if (workerCount < 2) {
    for (const [index, task] of tasks.entries()) {
      results[index] = await runTransform(task);
      onDone(++done);
    }
    return results;
  }
  let next = 0;
  const workers = Array.from({ length: workerCount }, () => new Worker(new URL('./fix-worker.js', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= tasks.length) return resolve();
              const id = next++;
              worker.postMessage({ id, task: tasks[id] });
            };
            worker.on('message', ({ id, result }: { id: number; result: TransformResult }) => {
              results[id] = result;
              onDone(++done);
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
