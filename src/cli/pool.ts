/**
 * Runs tasks on worker threads, or in this thread when there are too few to pay for a worker's
 * start-up (each loads ESLint and the parsers). The same workers serve every batch of a run.
 * A worker that dies (out of memory on a hostile file, say) fails its task, not the run: the
 * task's file is named in the result and a fresh worker takes its place.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runTask, type Task, type TaskResult } from './tasks.js';

const TASKS_PER_WORKER = 8;
/** Each worker's heap: a file that needs more fails alone instead of taking the machine down. */
const WORKER_HEAP_MB = 1024;

function failed(task: Task, why: string): TaskResult {
  return task.kind === 'keys'
    ? { kind: 'keys', path: task.path, keys: [], error: why }
    : { kind: 'rewrite', outcome: { path: task.path, status: 'failed', keys: [], moduleKind: undefined, error: why }, output: undefined };
}

export class TaskPool {
  private readonly workers: Worker[];

  /** Sized for `expectedTasks`: no workers at all below two workers' worth of tasks. */
  constructor(expectedTasks: number, maxWorkers: number) {
    const count = Math.min(maxWorkers, availableParallelism(), Math.floor(expectedTasks / TASKS_PER_WORKER));
    this.workers = count < 2 ? [] : Array.from({ length: count }, () => spawnWorker());
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
    await Promise.all(this.workers.map((_, slot) => this.drain(slot, tasks, () => next++, (id, result) => {
      results[id] = result;
      onDone(++done);
    })));
    return results;
  }

  /** Feeds the worker in `slot` until no task is left, replacing it if it dies. */
  private drain(slot: number, tasks: readonly Task[], take: () => number, finish: (id: number, result: TaskResult) => void): Promise<void> {
    return new Promise<void>((resolve) => {
      let worker = this.workers[slot]!;
      let current: number | undefined;
      const send = () => {
        const id = take();
        if (id >= tasks.length) {
          current = undefined;
          detach();
          resolve();
          return;
        }
        current = id;
        worker.postMessage({ id, task: tasks[id] });
      };
      const receive = ({ id, result }: { id: number; result: TaskResult }) => {
        finish(id, result);
        send();
      };
      const died = (error: unknown) => {
        detach();
        if (current !== undefined) {
          const why = error instanceof Error && /heap|memory/i.test(error.message) ? 'ran out of memory' : 'its worker stopped';
          finish(current, failed(tasks[current]!, `could not be analysed: ${why}`));
        }
        void worker.terminate();
        worker = this.workers[slot] = spawnWorker();
        attach();
        send();
      };
      const exited = (code: number) => died(new Error(`worker exited with code ${code}`));
      const attach = () => {
        worker.on('message', receive);
        worker.on('error', died);
        worker.on('exit', exited);
      };
      const detach = () => {
        worker.off('message', receive);
        worker.off('error', died);
        worker.off('exit', exited);
      };
      attach();
      send();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function spawnWorker(): Worker {
  return new Worker(new URL('./fix-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
}
