/**
 * Runs tasks on worker threads, or in this thread when there are too few to pay for a worker's
 * start-up (each loads ESLint and the parsers). The same workers serve every batch of a run.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runTask, type Task, type TaskResult } from './tasks.js';

const TASKS_PER_WORKER = 8;

export class TaskPool {
  private readonly workers: Worker[];

  /** Sized for `expectedTasks`: no workers at all below two workers' worth of tasks. */
  constructor(expectedTasks: number, maxWorkers: number) {
    const count = Math.min(maxWorkers, availableParallelism(), Math.floor(expectedTasks / TASKS_PER_WORKER));
    this.workers = count < 2 ? [] : Array.from({ length: count }, () => new Worker(new URL('./fix-worker.js', import.meta.url)));
  }

  async run(tasks: readonly Task[], onDone: (done: number) => void = () => {}): Promise<TaskResult[]> {
    const results: TaskResult[] = new Array(tasks.length);
    let done = 0;
    if (this.workers.length === 0) {
      for (const [index, task] of tasks.entries()) {
        results[index] = await runTask(task);
        onDone(++done);
      }
      return results;
    }
    let next = 0;
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= tasks.length) {
                worker.off('message', receive);
                worker.off('error', reject);
                resolve();
                return;
              }
              const id = next++;
              worker.postMessage({ id, task: tasks[id] });
            };
            const receive = ({ id, result }: { id: number; result: TaskResult }) => {
              results[id] = result;
              onDone(++done);
              send();
            };
            worker.on('message', receive);
            worker.on('error', reject);
            send();
          }),
      ),
    );
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
